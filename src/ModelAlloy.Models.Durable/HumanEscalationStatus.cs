namespace ModelAlloy.Models.Durable;

/// <summary>
/// The orchestration's custom status while a model call waits for a human: what failed and which event to raise.
/// Read it with <c>metadata.ReadCustomStatusAs&lt;HumanEscalationStatus&gt;()</c> and check <see cref="Kind"/>.
/// </summary>
public sealed record HumanEscalationStatus
{
    /// <summary>Gets <see cref="HumanEscalation.StatusKind"/>, which tells this status from an orchestration's own.</summary>
    public string Kind { get; init; } = HumanEscalation.StatusKind;

    /// <summary>Gets the external event to raise with a <see cref="HumanAnswer"/>.</summary>
    public required string EventName { get; init; }

    /// <summary>Gets the role whose fallback chain was exhausted.</summary>
    public required string Role { get; init; }

    /// <summary>Gets the call's sequence in the run (1 for the run's first model call).</summary>
    public required int CallSequence { get; init; }

    /// <summary>Gets why the chain ended, from <see cref="ModelErrorCodes"/>.</summary>
    public required string ErrorCode { get; init; }

    /// <summary>Gets one line per model attempt, e.g. <c>run-7|0001|01 gpt-4o: ServerError</c>.</summary>
    public required IReadOnlyList<string> Attempts { get; init; }

    /// <summary>Gets when the call stops waiting and fails (UTC).</summary>
    public required DateTime DeadlineUtc { get; init; }
}
