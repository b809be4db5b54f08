using System.Diagnostics;
using ModelAlloy.Batches.Results;

namespace ModelAlloy.Batches.Progress;

/// <summary>
/// Counts a pass as it goes and reports a <see cref="BatchProgress"/> after every change (thread-safe; reports are made
/// in order, under the tracker's lock, so the last report is the latest state).
/// </summary>
internal sealed class BatchProgressTracker(int total, IProgress<BatchProgress>? sink)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _lock = new();
    private int _done, _failed, _skipped, _inFlight;
    private decimal _cost;

    public TimeSpan Elapsed => _clock.Elapsed;

    public void Started()
    {
        lock (_lock)
        {
            _inFlight++;
            Report();
        }
    }

    public void Abandoned()
    {
        lock (_lock)
        {
            _inFlight--;
            Report();
        }
    }

    public void Finished(BatchItemResult result, bool wasInFlight)
    {
        lock (_lock)
        {
            _inFlight -= wasInFlight ? 1 : 0;
            _done += result.IsCompleted ? 1 : 0;
            _failed += result.IsCompleted ? 0 : 1;
            _skipped += result.Skipped ? 1 : 0;
            _cost += result.CostUsd;
            Report();
        }
    }

    public BatchProgress Snapshot()
    {
        lock (_lock)
        {
            TimeSpan elapsed = _clock.Elapsed;
            int ranNow = _done + _failed - _skipped;
            int remaining = total - _done - _failed;
            TimeSpan? eta = ranNow > 0 ? TimeSpan.FromSeconds(elapsed.TotalSeconds / ranNow * remaining) : remaining == 0 ? TimeSpan.Zero : null;
            return new BatchProgress
            {
                Total = total, Done = _done, Failed = _failed, Skipped = _skipped, InFlight = _inFlight, CostUsd = _cost, Elapsed = elapsed, Eta = eta,
            };
        }
    }

    private void Report() => sink?.Report(Snapshot());
}
