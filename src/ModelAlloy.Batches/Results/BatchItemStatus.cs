namespace ModelAlloy.Batches.Results;

/// <summary>How a batch item ended.</summary>
public enum BatchItemStatus
{
    /// <summary>The run completed; its output is the pipeline's answer.</summary>
    Completed,

    /// <summary>The run failed; the result carries the reason.</summary>
    Failed,

    /// <summary>The run was terminated from outside.</summary>
    Terminated,
}
