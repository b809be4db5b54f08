namespace ModelAlloy.Pipelines.Orchestration;

/// <summary>What one stage did: its decision and reason, which tier or member answered, scores, models and cost.</summary>
public sealed record StageRecord
{
    /// <summary>Gets the stage id.</summary>
    public required string StageId { get; init; }

    /// <summary>Gets the stage kind.</summary>
    public required string Kind { get; init; }

    /// <summary>Gets the route a router took.</summary>
    public string? Route { get; init; }

    /// <summary>Gets why the stage decided as it did (a router's rule, a cascade's escalations, a review...).</summary>
    public string? Reason { get; init; }

    /// <summary>Gets the complexity (1–5) a classifier reported.</summary>
    public int? Complexity { get; init; }

    /// <summary>Gets the cascade tier that answered (1 = cheapest).</summary>
    public int? AnsweredByTier { get; init; }

    /// <summary>Gets how many times the stage escalated (cascade tiers, extractor fallbacks).</summary>
    public int? Escalations { get; init; }

    /// <summary>Gets the judge's score of the accepted answer (or of the draft).</summary>
    public double? Score { get; init; }

    /// <summary>Gets what a draft→polish stage shipped: "draft" or "polished".</summary>
    public string? Shipped { get; init; }

    /// <summary>Gets an ensemble's agreement in [0, 1].</summary>
    public double? Agreement { get; init; }

    /// <summary>Gets who decided an ensemble's answer: "agreement", "review" or the timeout action.</summary>
    public string? DecidedBy { get; init; }

    /// <summary>Gets how many revisions a refine loop or a refining validation made.</summary>
    public int? Rounds { get; init; }

    /// <summary>Gets whether the final answer passed its critic or validator.</summary>
    public bool? Passed { get; init; }

    /// <summary>Gets whether the stage's latency budget (or the pipeline's) expired before it answered.</summary>
    public bool? BudgetExpired { get; init; }

    /// <summary>Gets whether the result came from the stage cache (no model was called).</summary>
    public bool? CacheHit { get; init; }

    /// <summary>Gets what a cache hit saved: the cost of the run that stored the result, in US dollars.</summary>
    public decimal? SavedCostUsd { get; init; }

    /// <summary>Gets a learned router's probability that the weak route suffices.</summary>
    public double? Probability { get; init; }

    /// <summary>Gets the threshold a learned router compared the probability with.</summary>
    public double? Threshold { get; init; }
    /// <summary>Gets the sources a research stage found, numbered as its answer cites them, each marked cited or not.</summary>
    public IReadOnlyList<Research.ResearchSource>? Sources { get; init; }

    /// <summary>Gets the models that answered in the stage, in completion order.</summary>
    public IReadOnlyList<string> Models { get; init; } = [];

    /// <summary>Gets the stage's cost in US dollars (failed attempts included).</summary>
    public decimal CostUsd { get; init; }

    /// <summary>Gets the stage's wall time in milliseconds, from the orchestration's replay-safe clock (model calls, timers and reviews included).</summary>
    public long LatencyMs { get; init; }
}
