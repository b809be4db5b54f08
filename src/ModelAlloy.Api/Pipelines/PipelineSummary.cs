using ModelAlloy.Pipelines.Validation;

namespace ModelAlloy.Api.Pipelines;

/// <summary>One definition file as <c>GET /api/pipelines</c> lists it: its name, what it is for, and whether it can run.</summary>
/// <param name="Name">The pipeline's name (the file name when the file does not parse).</param>
/// <param name="Description">What it is for.</param>
/// <param name="Source">The file (or blob) it was read from.</param>
/// <param name="Valid">Whether it can run.</param>
/// <param name="Stages">How many stages it has (0 when invalid).</param>
/// <param name="Errors">Why it cannot run: file, JSON path and reason.</param>
public sealed record PipelineSummary(string Name, string? Description, string Source, bool Valid, int Stages, IReadOnlyList<PipelineDefinitionError> Errors)
{
    internal static PipelineSummary From(PipelineParseResult result) => new(
        result.Definition?.Name ?? Path.GetFileNameWithoutExtension(result.Document.Source),
        result.Definition?.Description,
        result.Document.Source,
        result.IsValid,
        result.IsValid ? result.Definition!.Stages.Count : 0,
        result.Errors);
}
