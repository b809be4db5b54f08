namespace ModelAlloy.Models;

/// <summary>
/// What opening a model call needs: the request and everything that fixes its first attempt's ledger keys (run,
/// call-id scope, call sequence, the replay-safe time). In an orchestration it is the opening activity's input.
/// </summary>
public sealed record ModelCallOpeningInput
{
    /// <summary>Gets the request.</summary>
    public required ModelCallRequest Request { get; init; }

    /// <summary>Gets the run id recorded in the ledger.</summary>
    public required string RunId { get; init; }

    /// <summary>Gets the scope of the call ids (the orchestration instance id in durable runs).</summary>
    public required string InstanceId { get; init; }

    /// <summary>Gets the call's sequence number in its scope, from 1.</summary>
    public required int Sequence { get; init; }

    /// <summary>Gets the time the orchestration opened the call (replay-safe; the first attempt's ledger day).</summary>
    public required DateTime ScheduledAtUtc { get; init; }
}

/// <summary>
/// The opened call: its plan, resolved from the catalog, and the outcome of the first attempt the policy chose from
/// that plan. Returning both from one step saves a round trip per model call (in a durable run, a whole activity:
/// two queue hops and a history load).
/// </summary>
public sealed record ModelCallOpening
{
    /// <summary>Gets the plan.</summary>
    public required ModelCallPlan Plan { get; init; }

    /// <summary>Gets the first attempt's outcome, or null when the plan leaves nothing to attempt (every model skipped).</summary>
    public ModelAttemptOutcome? FirstAttempt { get; init; }
}
