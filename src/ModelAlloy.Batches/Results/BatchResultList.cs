using System.Collections.Concurrent;

namespace ModelAlloy.Batches.Results;

/// <summary>Keeps results in memory (tests, and the Functions app's summary before it uploads them).</summary>
public sealed class BatchResultList : IBatchResultSink
{
    private readonly ConcurrentQueue<BatchItemResult> _results = new();

    /// <summary>Gets the results in the order they finished.</summary>
    public IReadOnlyList<BatchItemResult> Results => [.. _results];

    /// <inheritdoc />
    public Task WriteAsync(BatchItemResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        _results.Enqueue(result);
        return Task.CompletedTask;
    }
}
