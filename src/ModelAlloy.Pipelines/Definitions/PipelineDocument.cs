namespace ModelAlloy.Pipelines.Definitions;

/// <summary>A definition file as read from its source: where it came from and its text.</summary>
/// <param name="Source">The file name (or blob name) the errors cite.</param>
/// <param name="Content">The JSON text.</param>
public sealed record PipelineDocument(string Source, string Content);
