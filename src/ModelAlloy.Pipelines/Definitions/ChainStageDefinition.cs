using System.Text.Json.Serialization;

namespace ModelAlloy.Pipelines.Definitions;

/// <summary>A chain: model steps in order; each step's <c>{{input}}</c> is the previous answer.</summary>
public sealed record ChainStageDefinition : StageDefinition
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => StageKinds.Chain;

    /// <summary>Gets the steps (placeholders: <c>{{input}}</c>, <c>{{original}}</c>).</summary>
    public required IReadOnlyList<ModelStep> Steps { get; init; }
}
