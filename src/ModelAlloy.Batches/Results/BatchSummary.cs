namespace ModelAlloy.Batches.Results;

/// <summary>
/// What a batch came to: counts over every item (results read back from an earlier pass included, so a resumed batch
/// sums to the whole), total cost, latency percentiles of the finished runs, throughput of this pass and the failures.
/// </summary>
public sealed record BatchSummary
{
    /// <summary>Gets the batch id.</summary>
    public required string BatchId { get; init; }

    /// <summary>Gets the pipeline.</summary>
    public required string Pipeline { get; init; }

    /// <summary>Gets the number of items in the batch.</summary>
    public int Total { get; init; }

    /// <summary>Gets how many items completed.</summary>
    public int Done { get; init; }

    /// <summary>Gets how many items failed or were terminated.</summary>
    public int Failed { get; init; }

    /// <summary>Gets how many of the finished items had finished before this pass (read back, not run again).</summary>
    public int Skipped { get; init; }

    /// <summary>Gets how many items have not finished (stopped before they started, or still running when the pass ended).</summary>
    public int Unfinished { get; init; }

    /// <summary>Gets the total cost of the finished items in US dollars.</summary>
    public decimal CostUsd { get; init; }

    /// <summary>Gets the latency percentiles of the finished items.</summary>
    public required LatencyPercentiles LatencyMs { get; init; }

    /// <summary>Gets how long this pass took, in seconds.</summary>
    public double ElapsedSeconds { get; init; }

    /// <summary>Gets the items this pass finished per second (read-back items excluded).</summary>
    public double ItemsPerSecond { get; init; }

    /// <summary>Gets a value indicating whether any answer came from a simulated model.</summary>
    public bool Simulated { get; init; }

    /// <summary>Gets a value indicating whether the pass was stopped (Ctrl+C) before every item finished.</summary>
    public bool Stopped { get; init; }

    /// <summary>Gets the failures with their reasons.</summary>
    public IReadOnlyList<BatchFailure> Failures { get; init; } = [];

    /// <summary>Builds the summary of a pass.</summary>
    /// <param name="batchId">The batch id.</param>
    /// <param name="pipeline">The pipeline.</param>
    /// <param name="total">The number of items in the batch.</param>
    /// <param name="results">The finished items.</param>
    /// <param name="elapsed">How long the pass took.</param>
    /// <param name="stopped">Whether the pass was stopped.</param>
    /// <returns>The summary.</returns>
    public static BatchSummary Of(string batchId, string pipeline, int total, IReadOnlyCollection<BatchItemResult> results, TimeSpan elapsed, bool stopped = false)
    {
        ArgumentNullException.ThrowIfNull(results);
        int ranNow = results.Count(r => !r.Skipped);
        return new BatchSummary
        {
            BatchId = batchId,
            Pipeline = pipeline,
            Total = total,
            Done = results.Count(r => r.IsCompleted),
            Failed = results.Count(r => !r.IsCompleted),
            Skipped = results.Count(r => r.Skipped),
            Unfinished = total - results.Count,
            CostUsd = results.Sum(r => r.CostUsd),
            LatencyMs = LatencyPercentiles.Of(results.Select(r => r.LatencyMs)),
            ElapsedSeconds = elapsed.TotalSeconds,
            ItemsPerSecond = elapsed > TimeSpan.Zero ? ranNow / elapsed.TotalSeconds : 0,
            Simulated = results.Any(r => r.Simulated),
            Stopped = stopped,
            Failures = [.. results.Where(r => !r.IsCompleted).Select(r => new BatchFailure(r.Id, r.Instance, r.Failure ?? r.Status.ToString()))],
        };
    }
}
