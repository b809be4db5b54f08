namespace ModelAlloy.Models;

/// <summary>
/// The result of one attempt (the model-call activity's output). Failures are data, not exceptions, so the
/// orchestration decides deterministically from history.
/// </summary>
public sealed record ModelAttemptOutcome
{
    /// <summary>Gets the call id.</summary>
    public required string CallId { get; init; }

    /// <summary>Gets the model id.</summary>
    public required string ModelId { get; init; }

    /// <summary>Gets the provider kind.</summary>
    public required ModelProviderKind Provider { get; init; }

    /// <summary>Gets the attempt number.</summary>
    public required int Attempt { get; init; }

    /// <summary>Gets the answer text (null on failure).</summary>
    public string? Text { get; init; }

    /// <summary>Gets the validated JSON (when the request had a schema).</summary>
    public string? Json { get; init; }

    /// <summary>Gets the token usage.</summary>
    public TokenUsage Usage { get; init; } = TokenUsage.None;

    /// <summary>Gets the cost in US dollars.</summary>
    public decimal CostUsd { get; init; }

    /// <summary>Gets the latency in milliseconds.</summary>
    public long LatencyMs { get; init; }

    /// <summary>Gets whether the simulated provider produced it.</summary>
    public bool Simulated { get; init; }

    /// <summary>Gets the failure; null when the attempt succeeded.</summary>
    public ModelCallFailure? Failure { get; init; }

    /// <summary>Gets whether the attempt produced an acceptable answer.</summary>
    public bool Succeeded => Failure is null;
}
