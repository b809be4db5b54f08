namespace ModelAlloy.Models;

/// <summary>
/// The input of one attempt (the model-call activity's input). Everything that decides what the attempt
/// records is in here, fixed by the orchestration, so a redelivered attempt writes the same ledger keys.
/// </summary>
public sealed record ModelAttemptInput
{
    /// <summary>Gets the request.</summary>
    public required ModelCallRequest Request { get; init; }

    /// <summary>Gets the model to call.</summary>
    public required string ModelId { get; init; }

    /// <summary>Gets the deterministic call id (run, call sequence, attempt); the ledger's idempotency key.</summary>
    public required string CallId { get; init; }

    /// <summary>Gets the run id.</summary>
    public required string RunId { get; init; }

    /// <summary>
    /// Gets the scope of the call ids: the orchestration instance id in durable runs (telemetry's
    /// <c>modelalloy.instance_id</c> and the run's trace); null in inputs recorded before it existed.
    /// </summary>
    public string? InstanceId { get; init; }

    /// <summary>Gets the attempt number within the call, from 1.</summary>
    public required int Attempt { get; init; }

    /// <summary>Gets the time the orchestration scheduled the attempt (replay-safe; fixes the ledger day).</summary>
    public required DateTime ScheduledAtUtc { get; init; }

    /// <summary>Gets the call id of the attempt this one fell back from, when the model changed.</summary>
    public string? FallbackFromCallId { get; init; }

    /// <summary>Gets whether a budget downgrade lets this attempt run past a spent budget.</summary>
    public bool AllowOverBudget { get; init; }
}
