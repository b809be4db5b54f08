using System.Text.Json.Serialization;

namespace ModelAlloy.Pipelines.Definitions;

/// <summary>
/// Validation: a second model verifies the previous stage's answer (<c>{{input}}</c>) against the run's request
/// (<c>{{original}}</c>). A failed check fails the stage, hands the request to the fallback step, or refines the
/// answer with the reviser until it passes or <see cref="MaxRounds"/> is spent.
/// </summary>
public sealed record ValidationStageDefinition : StageDefinition
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => StageKinds.Validation;

    /// <summary>Gets the validator (placeholders: <c>{{input}}</c>, <c>{{original}}</c>); its verdict schema is built in.</summary>
    public required ModelStep Validator { get; init; }

    /// <summary>Gets what a failed check does.</summary>
    public ValidationFailurePolicy OnFailure { get; init; } = ValidationFailurePolicy.Fail;

    /// <summary>Gets the step that answers the request afresh for <see cref="ValidationFailurePolicy.Fallback"/> (placeholder: <c>{{original}}</c>, <c>{{reason}}</c>).</summary>
    public ModelStep? Fallback { get; init; }

    /// <summary>Gets the reviser for <see cref="ValidationFailurePolicy.Refine"/> (placeholders: <c>{{draft}}</c>, <c>{{reason}}</c>, <c>{{original}}</c>).</summary>
    public ModelStep? Reviser { get; init; }

    /// <summary>Gets the most revisions for <see cref="ValidationFailurePolicy.Refine"/> (1–10).</summary>
    public int MaxRounds { get; init; } = 2;
}

/// <summary>What a failed validation does.</summary>
public enum ValidationFailurePolicy
{
    /// <summary>Fail the stage with the validator's reason.</summary>
    Fail,

    /// <summary>Answer afresh with the fallback step (typically a capable model); its answer is checked once more.</summary>
    Fallback,

    /// <summary>Revise and check again, up to the maximum rounds; fail if it never passes.</summary>
    Refine,
}
