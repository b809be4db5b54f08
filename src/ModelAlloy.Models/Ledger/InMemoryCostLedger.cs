using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace ModelAlloy.Models;

/// <summary>A ledger in memory, for tests, demos and the example report; same idempotency as the table ledger.</summary>
public sealed class InMemoryCostLedger : ICostLedger
{
    private readonly ConcurrentDictionary<string, CostRecord> _records = new(StringComparer.Ordinal);

    /// <summary>Gets every record.</summary>
    public IReadOnlyCollection<CostRecord> Records => _records.Values.OrderBy(r => r.OccurredAtUtc).ThenBy(r => r.CallId, StringComparer.Ordinal).ToList();

    /// <inheritdoc/>
    public Task<bool> RecordAsync(CostRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Task.FromResult(_records.TryAdd(record.CallId, record));
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<CostRecord> QueryAsync(
        DateOnly from, DateOnly to, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        foreach (CostRecord record in Records.Where(r => r.Day >= from && r.Day <= to))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return record;
        }
    }

    /// <inheritdoc/>
    public Task<decimal> GetRunSpendAsync(string runId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_records.Values.Where(r => r.RunId == runId).Sum(r => r.CostUsd));

    /// <inheritdoc/>
    public Task<decimal> GetDailySpendAsync(string pipeline, DateOnly day, CancellationToken cancellationToken = default) =>
        Task.FromResult(_records.Values.Where(r => r.Day == day && string.Equals(r.Pipeline, pipeline, StringComparison.OrdinalIgnoreCase)).Sum(r => r.CostUsd));
}
