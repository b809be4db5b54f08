namespace ModelAlloy.Pipelines.Orchestration;

/// <summary>What a pipeline run is given: the pipeline's name and the input text (a JSON object for field rules).</summary>
public sealed record PipelineRunInput
{
    /// <summary>Gets the pipeline name.</summary>
    public required string Pipeline { get; init; }

    /// <summary>Gets the input.</summary>
    public required string Input { get; init; }
}
