using System.Text.Json.Serialization;

namespace ModelAlloy.Pipelines.Definitions;

/// <summary>Draft → polish: a cheap draft is judged; at or above the threshold it ships, below it the polisher rewrites it given the judge's issues.</summary>
public sealed record DraftPolishStageDefinition : StageDefinition
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => StageKinds.DraftPolish;

    /// <summary>Gets the drafter (placeholder: <c>{{input}}</c>).</summary>
    public required ModelStep Drafter { get; init; }

    /// <summary>Gets the judge and its threshold.</summary>
    public required JudgeCheck Judge { get; init; }

    /// <summary>Gets the polisher (placeholders: <c>{{input}}</c>, <c>{{draft}}</c>, <c>{{issues}}</c>).</summary>
    public required ModelStep Polisher { get; init; }
}
