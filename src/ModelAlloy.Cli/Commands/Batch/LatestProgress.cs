using ModelAlloy.Batches.Progress;

namespace ModelAlloy.Cli.Commands.Batch;

/// <summary>Keeps the newest progress report (reports arrive from many threads; the one taken last wins).</summary>
internal sealed class LatestProgress(int total) : IProgress<BatchProgress>
{
    private BatchProgress _latest = new() { Total = total };

    public BatchProgress Latest => Volatile.Read(ref _latest);

    public void Report(BatchProgress value)
    {
        BatchProgress current;
        do
        {
            current = Volatile.Read(ref _latest);
            if (current.Elapsed > value.Elapsed)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _latest, value, current) != current);
    }
}
