namespace ModelAlloy.Pipelines.Validation;

/// <summary>A pipeline that cannot run: unknown, or its definition is invalid (the errors say where and why).</summary>
public sealed class PipelineDefinitionException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="errors">The definition's errors, if any.</param>
    public PipelineDefinitionException(string message, IReadOnlyList<PipelineDefinitionError>? errors = null)
        : base(errors is { Count: > 0 } ? message + ": " + string.Join("; ", errors) : message)
    {
        Errors = errors ?? [];
    }

    /// <summary>Gets the definition's errors.</summary>
    public IReadOnlyList<PipelineDefinitionError> Errors { get; }
}
