using System.Text.Json.Serialization;

namespace ModelAlloy.Pipelines.Definitions;

/// <summary>
/// Extract → reason: the extractor answers under its JSON Schema; an answer that violates it is handed to the
/// fallback extractor (<see cref="HandoffViolationPolicy.Fallback"/>) or fails the stage with the violation's JSON
/// path. The reasoner sees only the structured data (<c>{{data}}</c>), never the raw input.
/// </summary>
public sealed record ExtractReasonStageDefinition : StageDefinition
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => StageKinds.ExtractReason;

    /// <summary>Gets the extractor (placeholder: <c>{{input}}</c>); its <see cref="ModelStep.JsonSchema"/> is required.</summary>
    public required ModelStep Extractor { get; init; }

    /// <summary>Gets the reasoner (placeholder: <c>{{data}}</c>).</summary>
    public required ModelStep Reasoner { get; init; }

    /// <summary>Gets what a violation of the handoff schema does.</summary>
    public HandoffViolationPolicy OnViolation { get; init; } = HandoffViolationPolicy.Fail;

    /// <summary>Gets the fallback extractor (its schema defaults to the extractor's).</summary>
    public ModelStep? Fallback { get; init; }
}

/// <summary>What a handoff that violates the schema does.</summary>
public enum HandoffViolationPolicy
{
    /// <summary>Fail the stage with the JSON path of the violation.</summary>
    Fail,

    /// <summary>Extract again with the fallback step; fail if that violates too.</summary>
    Fallback,
}
