using ModelAlloy.Batches.Items;
using ModelAlloy.Batches.Results;
using ModelAlloy.Batches.Runs;

namespace ModelAlloy.Batches.Tests.Fakes;

/// <summary>
/// An executor whose runs end only in waves: a wave is released when exactly <c>min(limit, items not yet released)</c>
/// runs are waiting together. A runner that allows more than the limit in flight shows up in <see cref="MaxInFlight"/>;
/// one that allows fewer never completes a wave and the test's deadline fails it. No clock involved.
/// </summary>
public sealed class RendezvousExecutor(int limit, int total, CancellationToken deadline) : IBatchItemExecutor
{
    private readonly Lock _lock = new();
    private readonly List<TaskCompletionSource> _waiting = [];
    private int _inFlight, _released;

    public int MaxInFlight { get; private set; }

    public int Entered { get; private set; }

    public async Task<BatchItemResult> RunAsync(string instanceId, BatchItem item, CancellationToken cancellationToken)
    {
        var turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            Entered++;
            _inFlight++;
            MaxInFlight = Math.Max(MaxInFlight, _inFlight);
            _waiting.Add(turn);
            if (_waiting.Count == Math.Min(limit, total - _released))
            {
                _released += _waiting.Count;
                _waiting.ForEach(w => w.SetResult());
                _waiting.Clear();
            }
        }

        await turn.Task.WaitAsync(deadline);
        lock (_lock)
        {
            _inFlight--;
        }

        return new BatchItemResult { Id = item.Id, Instance = instanceId, Status = BatchItemStatus.Completed, CostUsd = 0.001m, LatencyMs = 1 };
    }
}
