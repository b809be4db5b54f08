namespace ModelAlloy.Evaluation.SideBySide;

/// <summary>One system over the whole dataset.</summary>
public sealed record SystemSummary
{
    /// <summary>Gets the system.</summary>
    public required EvalSystem System { get; init; }

    /// <summary>Gets the items run.</summary>
    public int Items { get; init; }

    /// <summary>Gets the runs that failed.</summary>
    public int Failures { get; init; }

    /// <summary>Gets the mean score, 0..1.</summary>
    public double Quality { get; init; }

    /// <summary>Gets the total cost the runs reported.</summary>
    public decimal CostUsd { get; init; }

    /// <summary>Gets the total cost of the runs' attempts in the ledger (should equal <see cref="CostUsd"/>).</summary>
    public decimal LedgerCostUsd { get; init; }

    /// <summary>Gets what judging cost (reported apart from the system's cost).</summary>
    public decimal JudgeCostUsd { get; init; }

    /// <summary>Gets the mean cost per item.</summary>
    public decimal CostPerItemUsd => Items == 0 ? 0 : CostUsd / Items;

    /// <summary>Gets the mean latency in milliseconds.</summary>
    public double MeanLatencyMs { get; init; }

    /// <summary>Gets the median latency in milliseconds.</summary>
    public double P50LatencyMs { get; init; }

    /// <summary>Gets the 95th-percentile latency in milliseconds.</summary>
    public double P95LatencyMs { get; init; }

    /// <summary>Gets the share of model calls per catalog tier (sums to 1 when any call was made).</summary>
    public IReadOnlyDictionary<string, double> TierShares { get; init; } = new Dictionary<string, double>();

    /// <summary>Gets the ledger's cost per task type (the task types the model calls were recorded under).</summary>
    public IReadOnlyDictionary<string, decimal> CostByTaskType { get; init; } = new Dictionary<string, decimal>();

    /// <summary>Gets whether a simulated model answered any item.</summary>
    public bool Simulated { get; init; }
}
