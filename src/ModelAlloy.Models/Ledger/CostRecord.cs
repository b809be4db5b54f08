using System.Globalization;

namespace ModelAlloy.Models;

/// <summary>One attempt in the cost ledger. <see cref="CallId"/> is the idempotency key.</summary>
public sealed record CostRecord
{
    /// <summary>The <see cref="Outcome"/> of a pipeline stage answered from the stage cache: no model called, cost 0.</summary>
    public const string StageCacheHitOutcome = "StageCacheHit";

    /// <summary>Gets the deterministic call id (run, call sequence, attempt).</summary>
    public required string CallId { get; init; }

    /// <summary>Gets the run id.</summary>
    public required string RunId { get; init; }

    /// <summary>Gets the pipeline.</summary>
    public required string Pipeline { get; init; }

    /// <summary>Gets the stage, if any.</summary>
    public string? Stage { get; init; }

    /// <summary>Gets the task type.</summary>
    public required string TaskType { get; init; }

    /// <summary>Gets the model id.</summary>
    public required string ModelId { get; init; }

    /// <summary>Gets the provider.</summary>
    public required string Provider { get; init; }

    /// <summary>Gets the deployment or provider model name.</summary>
    public required string Deployment { get; init; }

    /// <summary>Gets the attempt number within the call.</summary>
    public int Attempt { get; init; }

    /// <summary>Gets "Succeeded" or the failure kind.</summary>
    public required string Outcome { get; init; }

    /// <summary>Gets the input tokens (cached included).</summary>
    public long InputTokens { get; init; }

    /// <summary>Gets the cached input tokens.</summary>
    public long CachedInputTokens { get; init; }

    /// <summary>Gets the output tokens.</summary>
    public long OutputTokens { get; init; }

    /// <summary>Gets whether the token counts are estimates.</summary>
    public bool UsageEstimated { get; init; }

    /// <summary>Gets the cost in US dollars.</summary>
    public decimal CostUsd { get; init; }

    /// <summary>Gets the latency in milliseconds.</summary>
    public long LatencyMs { get; init; }

    /// <summary>
    /// Gets whether the provider served part of the prompt from its prompt cache (it reported cached input tokens),
    /// so <see cref="CachedInputTokens"/> were billed at the cached-input price.
    /// </summary>
    public bool CacheHit { get; init; }

    /// <summary>Gets, for a stage-cache hit, what the run that stored the answer paid for it (what the hit saved).</summary>
    public decimal SavedCostUsd { get; init; }

    /// <summary>Gets whether a pipeline stage was answered from the stage cache (<see cref="StageCacheHitOutcome"/>).</summary>
    public bool StageCacheHit => Outcome == StageCacheHitOutcome;

    /// <summary>Gets whether the simulated provider answered.</summary>
    public bool Simulated { get; init; }

    /// <summary>Gets the call id of the attempt this one fell back from.</summary>
    public string? FallbackFromCallId { get; init; }

    /// <summary>Gets when the attempt was scheduled (UTC); fixes its day and week.</summary>
    public required DateTime OccurredAtUtc { get; init; }

    /// <summary>Gets the UTC day, e.g. 2026-11-23.</summary>
    public DateOnly Day => DateOnly.FromDateTime(OccurredAtUtc);

    /// <summary>Gets the ISO week, e.g. 2026-W48.</summary>
    public string IsoWeek => string.Create(
        CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(OccurredAtUtc)}-W{ISOWeek.GetWeekOfYear(OccurredAtUtc):D2}");

    /// <summary>Gets whether the attempt produced an acceptable answer.</summary>
    public bool Succeeded => Outcome == "Succeeded";

    /// <summary>
    /// Gets whether the attempt called a provider. False for an attempt skipped without a call (the model was cooling
    /// down, or a budget was spent) or for a stage answered from the stage cache: its zero-cost row exists so every
    /// attempt, every fallback link and every cache hit has a row.
    /// </summary>
    public bool ReachedProvider => Outcome is not (nameof(ModelFailureKind.CoolingDown) or nameof(ModelFailureKind.BudgetExceeded) or StageCacheHitOutcome);
}
