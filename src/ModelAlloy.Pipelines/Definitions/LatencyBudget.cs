namespace ModelAlloy.Pipelines.Definitions;

/// <summary>
/// A stage's latency budget: a durable timer races the stage; when it fires first, the stage's result is ignored and
/// the run either fails with a clear error or hands the same input to a faster <see cref="FallbackStage"/>.
/// </summary>
public sealed record LatencyBudget
{
    /// <summary>Gets the budget in seconds (more than 0).</summary>
    public required double Seconds { get; init; }

    /// <summary>Gets what happens when the budget expires.</summary>
    public LatencyBudgetExpiry OnExpiry { get; init; } = LatencyBudgetExpiry.Fail;

    /// <summary>Gets the stage that answers instead when <see cref="OnExpiry"/> is <see cref="LatencyBudgetExpiry.Fallback"/>; the run continues from it.</summary>
    public string? FallbackStage { get; init; }
}

/// <summary>What a stage does when its latency budget expires.</summary>
public enum LatencyBudgetExpiry
{
    /// <summary>The run fails, naming the stage and its budget.</summary>
    Fail,

    /// <summary>The fallback stage runs on the same input, and the run continues from it.</summary>
    Fallback,
}
