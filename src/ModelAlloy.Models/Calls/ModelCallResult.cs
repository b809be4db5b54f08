namespace ModelAlloy.Models;

/// <summary>The answer to a model call, with what it cost and every attempt it took.</summary>
public sealed record ModelCallResult
{
    /// <summary>Gets the answer text.</summary>
    public required string Text { get; init; }

    /// <summary>Gets the validated JSON answer, when the request had a schema.</summary>
    public string? Json { get; init; }

    /// <summary>Gets the usage of the successful attempt.</summary>
    public required TokenUsage Usage { get; init; }

    /// <summary>Gets the cost of the successful attempt in US dollars.</summary>
    public decimal CostUsd { get; init; }

    /// <summary>Gets the cost of every attempt of this call, failed ones included.</summary>
    public decimal TotalCostUsd { get; init; }

    /// <summary>Gets the latency of the successful attempt in milliseconds.</summary>
    public long LatencyMs { get; init; }

    /// <summary>Gets the model that produced the answer.</summary>
    public required string ModelId { get; init; }

    /// <summary>Gets that model's provider.</summary>
    public ModelProviderKind Provider { get; init; }

    /// <summary>Gets whether the answer is simulated.</summary>
    public bool Simulated { get; init; }

    /// <summary>Gets every attempt, in order.</summary>
    public required IReadOnlyList<ModelAttemptSummary> Attempts { get; init; }
}

/// <summary>One attempt of a call, as reported to the caller.</summary>
/// <param name="CallId">The deterministic call id (the ledger's row key).</param>
/// <param name="ModelId">The model.</param>
/// <param name="Outcome">"Succeeded" or the failure kind.</param>
/// <param name="CostUsd">The attempt's cost.</param>
/// <param name="LatencyMs">The attempt's latency.</param>
/// <param name="Message">The failure message, redacted; null on success.</param>
public sealed record ModelAttemptSummary(string CallId, string ModelId, string Outcome, decimal CostUsd, long LatencyMs, string? Message)
{
    internal static ModelAttemptSummary From(ModelAttemptOutcome o) =>
        new(o.CallId, o.ModelId, o.Failure?.Kind.ToString() ?? "Succeeded", o.CostUsd, o.LatencyMs, o.Failure?.Message);
}
