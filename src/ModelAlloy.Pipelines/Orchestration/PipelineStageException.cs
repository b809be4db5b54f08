namespace ModelAlloy.Pipelines.Orchestration;

/// <summary>A stage that could not produce an acceptable answer; the message names pipeline, stage and what to do.</summary>
public sealed class PipelineStageException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="pipeline">The pipeline.</param>
    /// <param name="stage">The stage id.</param>
    /// <param name="reason">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public PipelineStageException(string pipeline, string stage, string reason, Exception? innerException = null)
        : base($"stage '{stage}' of pipeline '{pipeline}': {reason}", innerException)
    {
        Pipeline = pipeline;
        Stage = stage;
    }

    /// <summary>Gets the pipeline.</summary>
    public string Pipeline { get; }

    /// <summary>Gets the stage id.</summary>
    public string Stage { get; }
}
