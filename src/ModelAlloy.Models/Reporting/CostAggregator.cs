namespace ModelAlloy.Models;

/// <summary>The period a cost aggregate covers.</summary>
public enum CostPeriod
{
    /// <summary>A UTC day (2026-11-23).</summary>
    Day,

    /// <summary>An ISO 8601 week (2026-W48).</summary>
    IsoWeek,
}

/// <summary>What cost aggregates are grouped by.</summary>
public enum CostDimension
{
    /// <summary>The pipeline.</summary>
    Pipeline,

    /// <summary>The task type.</summary>
    TaskType,

    /// <summary>The model id.</summary>
    Model,

    /// <summary>The provider.</summary>
    Provider,
}

/// <summary>Totals of the ledger's attempts for one period and one key.</summary>
/// <param name="Period">"2026-11-23" or "2026-W48".</param>
/// <param name="Key">The pipeline, task type, model or provider.</param>
/// <param name="Calls">Attempts that called a provider.</param>
/// <param name="Skipped">Attempts skipped without a call (model cooling down, budget spent); they cost nothing.</param>
/// <param name="Succeeded">Attempts that produced an acceptable answer.</param>
/// <param name="InputTokens">Input tokens.</param>
/// <param name="CachedInputTokens">Cached input tokens.</param>
/// <param name="OutputTokens">Output tokens.</param>
/// <param name="CostUsd">Cost in US dollars.</param>
/// <param name="AverageLatencyMs">Mean latency of the provider calls (0 when there were none).</param>
public sealed record CostAggregate(
    string Period, string Key, int Calls, int Skipped, int Succeeded, long InputTokens, long CachedInputTokens, long OutputTokens, decimal CostUsd, long AverageLatencyMs);

/// <summary>Aggregates ledger records by day or ISO week and by pipeline, task type, model or provider.</summary>
public static class CostAggregator
{
    /// <summary>Aggregates <paramref name="records"/>, ordered by period then cost descending.</summary>
    /// <param name="records">Ledger records.</param>
    /// <param name="period">Day or ISO week.</param>
    /// <param name="dimension">The grouping key.</param>
    /// <returns>The aggregates.</returns>
    public static IReadOnlyList<CostAggregate> Aggregate(IEnumerable<CostRecord> records, CostPeriod period, CostDimension dimension) =>
        records
            .GroupBy(r => (Period: PeriodOf(r, period), Key: KeyOf(r, dimension)))
            .Select(g => Total(g.Key.Period, g.Key.Key, g.ToList()))
            .OrderBy(a => a.Period, StringComparer.Ordinal)
            .ThenByDescending(a => a.CostUsd)
            .ThenBy(a => a.Key, StringComparer.Ordinal)
            .ToList();

    // Skipped attempts are counted apart: a model skipped while cooling down was not called, and its zero latency
    // would drag the mean down.
    private static CostAggregate Total(string period, string key, List<CostRecord> records)
    {
        List<CostRecord> calls = records.Where(r => r.ReachedProvider).ToList();
        return new CostAggregate(
            period,
            key,
            calls.Count,
            records.Count - calls.Count,
            records.Count(r => r.Succeeded),
            records.Sum(r => r.InputTokens),
            records.Sum(r => r.CachedInputTokens),
            records.Sum(r => r.OutputTokens),
            records.Sum(r => r.CostUsd),
            calls.Count == 0 ? 0 : (long)calls.Average(r => r.LatencyMs));
    }

    internal static string PeriodOf(CostRecord record, CostPeriod period) =>
        period == CostPeriod.Day ? record.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : record.IsoWeek;

    internal static string KeyOf(CostRecord record, CostDimension dimension) => dimension switch
    {
        CostDimension.Pipeline => record.Pipeline,
        CostDimension.TaskType => record.TaskType,
        CostDimension.Model => record.ModelId,
        _ => record.Provider,
    };
}
