using ModelAlloy.Pipelines.Definitions;

namespace ModelAlloy.Pipelines.Validation;

/// <summary>A definition file read and checked: the definition when it is valid, the errors otherwise.</summary>
/// <param name="Document">The document.</param>
/// <param name="Definition">The definition (null when invalid).</param>
/// <param name="Errors">The errors (empty when valid).</param>
public sealed record PipelineParseResult(PipelineDocument Document, PipelineDefinition? Definition, IReadOnlyList<PipelineDefinitionError> Errors)
{
    /// <summary>Gets whether the definition is valid.</summary>
    public bool IsValid => Definition is not null && Errors.Count == 0;
}
