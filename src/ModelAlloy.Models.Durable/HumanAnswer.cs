namespace ModelAlloy.Models.Durable;

/// <summary>
/// A person's answer to an escalated model call: the payload to raise on
/// <see cref="HumanEscalationStatus.EventName"/>. It becomes the call's <see cref="ModelCallResult"/> as given: a
/// person's answer is trusted, so <see cref="Json"/> is not checked against the request's schema.
/// </summary>
public sealed record HumanAnswer
{
    /// <summary>Gets the answer text.</summary>
    public required string Text { get; init; }

    /// <summary>Gets the JSON answer, for a request that asked for structured output.</summary>
    public string? Json { get; init; }
}
