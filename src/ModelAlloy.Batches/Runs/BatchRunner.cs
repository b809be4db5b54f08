using System.Collections.Concurrent;
using ModelAlloy.Batches.Items;
using ModelAlloy.Batches.Progress;
using ModelAlloy.Batches.Results;

namespace ModelAlloy.Batches.Runs;

/// <summary>
/// Runs a batch pass: every item under its derived instance id (<see cref="BatchInstanceId"/>), at most
/// <see cref="BatchRunOptions.Concurrency"/> in flight, each result handed to a sink as it finishes, progress after
/// every change, a summary at the end. Stopping (the token) starts nothing new and waits
/// <see cref="BatchRunOptions.DrainTimeout"/> for the runs in flight; those still running are left to the durable
/// store, where a rerun with the same batch id finds them (and reads back everything that finished).
/// </summary>
/// <param name="executor">Runs one item.</param>
/// <param name="options">The batch id, pipeline and limits.</param>
public sealed class BatchRunner(IBatchItemExecutor executor, BatchRunOptions options)
{
    /// <summary>Runs the pass.</summary>
    /// <param name="items">The items (ids unique).</param>
    /// <param name="sink">Where results go.</param>
    /// <param name="progress">Where progress goes.</param>
    /// <param name="stop">Stops the pass cleanly.</param>
    /// <returns>The summary of the pass.</returns>
    /// <exception cref="ArgumentException">When two items share an id.</exception>
    public async Task<BatchSummary> RunAsync(
        IReadOnlyList<BatchItem> items, IBatchResultSink sink, IProgress<BatchProgress>? progress = null, CancellationToken stop = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(sink);
        options.Validate();
        if (items.GroupBy(i => i.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw new ArgumentException($"item id '{duplicate.Key}' appears {duplicate.Count()} times; give every item a unique id", nameof(items));
        }

        var tracker = new BatchProgressTracker(items.Count, progress);
        var results = new ConcurrentQueue<BatchItemResult>();
        using var drain = new CancellationTokenSource();
        using CancellationTokenRegistration onStop = stop.Register(() => drain.CancelAfter(options.DrainTimeout));
        using var gate = new SemaphoreSlim(options.Concurrency);
        var running = new List<Task>(items.Count);
        foreach (BatchItem item in items)
        {
            if (!await TryEnterAsync(gate, stop).ConfigureAwait(false))
            {
                break;
            }

            tracker.Started();
            running.Add(RunOneAsync(item, gate, sink, tracker, results, drain.Token));
        }

        await Task.WhenAll(running).ConfigureAwait(false);
        return BatchSummary.Of(options.BatchId, options.Pipeline, items.Count, results, tracker.Elapsed, stopped: stop.IsCancellationRequested && results.Count < items.Count);
    }

    private static async Task<bool> TryEnterAsync(SemaphoreSlim gate, CancellationToken stop)
    {
        try
        {
            await gate.WaitAsync(stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return false;
        }

        if (stop.IsCancellationRequested)
        {
            gate.Release();
            return false;
        }

        return true;
    }

    private async Task RunOneAsync(
        BatchItem item, SemaphoreSlim gate, IBatchResultSink sink, BatchProgressTracker tracker, ConcurrentQueue<BatchItemResult> results, CancellationToken drain)
    {
        try
        {
            await Task.Yield();
            BatchItemResult result = await executor.RunAsync(BatchInstanceId.For(options.BatchId, item.Id), item, drain).ConfigureAwait(false);
            await sink.WriteAsync(result, CancellationToken.None).ConfigureAwait(false);
            results.Enqueue(result);
            tracker.Finished(result, wasInFlight: true);
        }
        catch (OperationCanceledException) when (drain.IsCancellationRequested)
        {
            tracker.Abandoned();
        }
        finally
        {
            gate.Release();
        }
    }
}
