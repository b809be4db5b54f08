namespace ModelAlloy.Pipelines.Validation;

/// <summary>What is wrong with a definition: the file, the JSON path and the reason.</summary>
/// <param name="Source">The file (or blob) name.</param>
/// <param name="Path">The JSON path, e.g. <c>$.stages[2].routes.billing</c>.</param>
/// <param name="Reason">What is wrong and how to fix it.</param>
public sealed record PipelineDefinitionError(string Source, string Path, string Reason)
{
    /// <inheritdoc />
    public override string ToString() => $"{Source}: {Path}: {Reason}";
}
