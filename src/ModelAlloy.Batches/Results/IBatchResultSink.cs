namespace ModelAlloy.Batches.Results;

/// <summary>Where a batch's results go, one at a time as items finish (called concurrently).</summary>
public interface IBatchResultSink
{
    /// <summary>Takes one finished item.</summary>
    /// <param name="result">The result.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the result is stored.</returns>
    Task WriteAsync(BatchItemResult result, CancellationToken cancellationToken = default);
}
