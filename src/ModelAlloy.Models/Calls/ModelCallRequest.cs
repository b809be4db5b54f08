namespace ModelAlloy.Models;

/// <summary>
/// What a pipeline asks of the gateway: a model or a role (whose fallback chain is used), the messages,
/// parameters, an optional JSON Schema the answer must satisfy, and the labels the cost ledger records.
/// </summary>
public sealed record ModelCallRequest
{
    /// <summary>Gets an explicit model id (tried first when a role is also given).</summary>
    public string? Model { get; init; }

    /// <summary>Gets a role whose fallback chain is used.</summary>
    public string? Role { get; init; }

    /// <summary>Gets the messages.</summary>
    public IReadOnlyList<ModelMessage> Messages { get; init; } = [];

    /// <summary>Gets the sampling temperature.</summary>
    public float? Temperature { get; init; }

    /// <summary>Gets the output token limit (capped by each model's own limit).</summary>
    public int? MaxOutputTokens { get; init; }

    /// <summary>Gets a JSON Schema the answer must satisfy; an answer that fails it moves down the chain.</summary>
    public string? JsonSchema { get; init; }

    /// <summary>Gets the per-attempt timeout (default: the gateway's DefaultTimeout).</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Gets the task type recorded in the ledger ("classify", "extract", "synthesize"...).</summary>
    public string TaskType { get; init; } = "general";

    /// <summary>Gets the pipeline name recorded in the ledger and used for its daily budget.</summary>
    public string Pipeline { get; init; } = "adhoc";

    /// <summary>Gets the pipeline stage recorded in the ledger.</summary>
    public string? Stage { get; init; }

    /// <summary>Gets the run id the cost belongs to (default: the orchestration instance id).</summary>
    public string? RunId { get; init; }

    /// <summary>Gets this run's cost cap, overriding the configured default.</summary>
    public decimal? RunCostCapUsd { get; init; }
}
