namespace ModelAlloy.Evaluation.SideBySide;

/// <summary>One system's result on one item.</summary>
public sealed record ItemResult
{
    /// <summary>Gets the system's name.</summary>
    public required string System { get; init; }

    /// <summary>Gets the item's id.</summary>
    public required string ItemId { get; init; }

    /// <summary>Gets the run id (the orchestration instance; the ledger's run id).</summary>
    public required string RunId { get; init; }

    /// <summary>Gets the item's task type (its <c>taskType</c> metadata, else empty).</summary>
    public string TaskType { get; init; } = "";

    /// <summary>Gets the score, 0..1.</summary>
    public double Score { get; init; }

    /// <summary>Gets the scorer's one-line reason.</summary>
    public string ScoreDetail { get; init; } = "";

    /// <summary>Gets the route the system's router took, or null.</summary>
    public string? Route { get; init; }

    /// <summary>Gets the cost the run reported.</summary>
    public decimal CostUsd { get; init; }

    /// <summary>Gets the cost of the run's attempts in the ledger (judge excluded).</summary>
    public decimal LedgerCostUsd { get; init; }

    /// <summary>Gets what judging this answer cost (zero for rule-based scorers).</summary>
    public decimal JudgeCostUsd { get; init; }

    /// <summary>Gets the end-to-end latency in milliseconds (scheduled to completed).</summary>
    public double LatencyMs { get; init; }

    /// <summary>Gets the model calls that reached a provider, per catalog tier.</summary>
    public IReadOnlyDictionary<string, int> CallsByTier { get; init; } = new Dictionary<string, int>();

    /// <summary>Gets whether a simulated model answered.</summary>
    public bool Simulated { get; init; }

    /// <summary>Gets why the run failed, or null.</summary>
    public string? Error { get; init; }
}
