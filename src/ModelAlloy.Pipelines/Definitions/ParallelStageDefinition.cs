using System.Text.Json.Serialization;

namespace ModelAlloy.Pipelines.Definitions;

/// <summary>Parallel specialists: every specialist answers the input at once; a template or a synthesizer merges them.</summary>
public sealed record ParallelStageDefinition : StageDefinition
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => StageKinds.Parallel;

    /// <summary>Gets the specialists: name → step (placeholder: <c>{{input}}</c>).</summary>
    public required IReadOnlyDictionary<string, ModelStep> Specialists { get; init; }

    /// <summary>Gets the merge template (placeholders: <c>{{input}}</c> and <c>{{specialist name}}</c>).</summary>
    public string? MergeTemplate { get; init; }

    /// <summary>Gets the synthesizer (placeholders: <c>{{input}}</c>, <c>{{answers}}</c> and each specialist's name).</summary>
    public ModelStep? Synthesizer { get; init; }
}
