using System.Text.Json.Serialization;

namespace ModelAlloy.Pipelines.Definitions;

/// <summary>Another pipeline as a stage, run as a sub-orchestration on this stage's input.</summary>
public sealed record SubPipelineStageDefinition : StageDefinition
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => StageKinds.SubPipeline;

    /// <summary>Gets the name of the pipeline to run.</summary>
    public required string Pipeline { get; init; }
}
