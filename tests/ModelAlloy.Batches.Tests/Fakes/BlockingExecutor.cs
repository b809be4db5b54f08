using ModelAlloy.Batches.Items;
using ModelAlloy.Batches.Results;
using ModelAlloy.Batches.Runs;

namespace ModelAlloy.Batches.Tests.Fakes;

/// <summary>An executor whose runs never end on their own: they wait until the runner stops waiting (or the deadline).</summary>
public sealed class BlockingExecutor(int signalAt, CancellationToken deadline) : IBatchItemExecutor
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _entered;

    public int Entered => Volatile.Read(ref _entered);

    /// <summary>Completes when <c>signalAt</c> runs are in flight.</summary>
    public Task Reached => _reached.Task;

    public async Task<BatchItemResult> RunAsync(string instanceId, BatchItem item, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _entered) == signalAt)
        {
            _reached.SetResult();
        }

        using var both = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline);
        await Task.Delay(Timeout.Infinite, both.Token);
        throw new InvalidOperationException("unreachable");
    }
}
