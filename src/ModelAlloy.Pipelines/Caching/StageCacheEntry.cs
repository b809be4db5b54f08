using ModelAlloy.Pipelines.Orchestration;

namespace ModelAlloy.Pipelines.Caching;

/// <summary>A stored stage result: what the stage produced, its record (models and cost of the run that stored it), and when it expires.</summary>
public sealed record StageCacheEntry
{
    /// <summary>Gets the stage's output.</summary>
    public required string Output { get; init; }

    /// <summary>Gets the stage a router chose (null: the stage's own <c>next</c>).</summary>
    public string? NextStage { get; init; }

    /// <summary>Gets the stage's record as the storing run had it (its cost is what a hit saves).</summary>
    public required StageRecord Record { get; init; }

    /// <summary>Gets whether simulated models produced the result.</summary>
    public bool Simulated { get; init; }

    /// <summary>Gets when the result was stored (UTC).</summary>
    public DateTime StoredAtUtc { get; init; }

    /// <summary>Gets when the result stops being served (UTC).</summary>
    public DateTime ExpiresAtUtc { get; init; }
}
