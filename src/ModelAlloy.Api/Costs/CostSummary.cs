using ModelAlloy.Models;

namespace ModelAlloy.Api.Costs;

/// <summary>
/// The body of <c>GET /api/costs</c>: the ledger's totals for the days asked, the spend per day by the chosen
/// grouping (<see cref="CostAggregator"/>, the same rows as <c>alloy costs</c>), and the expensive-model findings.
/// </summary>
public sealed record CostSummary
{
    /// <summary>Gets the first UTC day.</summary>
    public required DateOnly From { get; init; }

    /// <summary>Gets the last UTC day.</summary>
    public required DateOnly To { get; init; }

    /// <summary>Gets the grouping: pipeline, task, model or provider.</summary>
    public required string By { get; init; }

    /// <summary>Gets the attempts that called a provider.</summary>
    public required int Calls { get; init; }

    /// <summary>Gets the attempts that produced an acceptable answer.</summary>
    public required int Accepted { get; init; }

    /// <summary>Gets the total cost in US dollars.</summary>
    public required decimal CostUsd { get; init; }

    /// <summary>Gets how many attempts were SIMULATED (their cost is what the real model would have cost).</summary>
    public required int Simulated { get; init; }

    /// <summary>Gets the spend per UTC day and key.</summary>
    public required IReadOnlyList<CostAggregate> Rows { get; init; }

    /// <summary>Gets the expensive models doing work a cheap model does as well.</summary>
    public required IReadOnlyList<ExpensiveModelFinding> Findings { get; init; }

    internal static CostSummary Of(IReadOnlyList<CostRecord> records, CostQuery query) => new()
    {
        From = query.From,
        To = query.To,
        By = CostQuery.NameOf(query.By),
        Calls = records.Count(r => r.ReachedProvider),
        Accepted = records.Count(r => r.Succeeded),
        CostUsd = records.Sum(r => r.CostUsd),
        Simulated = records.Count(r => r.Simulated),
        Rows = CostAggregator.Aggregate(records, CostPeriod.Day, query.By),
        Findings = ExpensiveModelDetector.Detect(records),
    };
}
