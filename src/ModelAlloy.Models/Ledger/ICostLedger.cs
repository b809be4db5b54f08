namespace ModelAlloy.Models;

/// <summary>The per-attempt cost ledger. Writes are idempotent on <see cref="CostRecord.CallId"/>.</summary>
public interface ICostLedger
{
    /// <summary>Records an attempt; recording the same call id again changes nothing and returns false.</summary>
    /// <param name="record">The attempt.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>True when the record was new.</returns>
    Task<bool> RecordAsync(CostRecord record, CancellationToken cancellationToken = default);

    /// <summary>Returns the records of the UTC days from <paramref name="from"/> to <paramref name="to"/> inclusive.</summary>
    /// <param name="from">First day.</param>
    /// <param name="to">Last day.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The records.</returns>
    IAsyncEnumerable<CostRecord> QueryAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default);

    /// <summary>Returns what a run has spent so far.</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The spend in US dollars.</returns>
    Task<decimal> GetRunSpendAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Returns what a pipeline has spent on a UTC day.</summary>
    /// <param name="pipeline">The pipeline.</param>
    /// <param name="day">The day.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The spend in US dollars.</returns>
    Task<decimal> GetDailySpendAsync(string pipeline, DateOnly day, CancellationToken cancellationToken = default);
}
