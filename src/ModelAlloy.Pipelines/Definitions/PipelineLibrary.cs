using ModelAlloy.Pipelines.Validation;

namespace ModelAlloy.Pipelines.Definitions;

/// <summary>
/// The pipelines of one source, read and validated afresh on every call so an edited file is picked up by the next
/// run without a redeploy. Each file is checked on its own: a bad file is reported and never takes the others down.
/// </summary>
public sealed class PipelineLibrary
{
    private readonly IPipelineDefinitionSource _source;
    private readonly ModelCatalogNames? _catalog;

    /// <summary>Creates the library.</summary>
    /// <param name="source">Where the definitions live.</param>
    /// <param name="catalog">The roles and models steps may name (null: not checked).</param>
    public PipelineLibrary(IPipelineDefinitionSource source, ModelCatalogNames? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
        _catalog = catalog;
    }

    /// <summary>Reads and validates every definition.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Every file's result: the valid definitions and each invalid file's errors.</returns>
    public async Task<IReadOnlyList<PipelineParseResult>> LoadAsync(CancellationToken cancellationToken = default)
    {
        IReadOnlyList<PipelineDocument> documents = await _source.ReadAllAsync(cancellationToken).ConfigureAwait(false);
        List<PipelineParseResult> results = documents.Select(d => PipelineDefinitionParser.Parse(d, _catalog)).ToList();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < results.Count; i++)
        {
            if (results[i].Definition is { } definition && !names.TryAdd(definition.Name, results[i].Document.Source))
            {
                results[i] = Invalid(results[i], "$.name", $"pipeline '{definition.Name}' is already defined in {names[definition.Name]}");
            }
        }

        for (int i = 0; i < results.Count; i++)
        {
            if (results[i].Definition is not { } definition)
            {
                continue;
            }

            for (int s = 0; s < definition.Stages.Count; s++)
            {
                if (definition.Stages[s] is SubPipelineStageDefinition sub && !names.ContainsKey(sub.Pipeline))
                {
                    results[i] = Invalid(results[i], $"$.stages[{s}].pipeline", $"pipeline '{sub.Pipeline}' does not exist (or its definition is invalid)");
                    break;
                }
            }
        }

        return results;
    }

    /// <summary>Reads one pipeline as a run sees it: its text and content hash.</summary>
    /// <param name="name">The pipeline name.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="PipelineDefinitionException">When no valid definition has that name (the errors say why).</exception>
    public async Task<PipelineSnapshot> GetSnapshotAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        IReadOnlyList<PipelineParseResult> results = await LoadAsync(cancellationToken).ConfigureAwait(false);
        if (results.FirstOrDefault(r => r.IsValid && r.Definition!.Name == name) is { } valid)
        {
            return new PipelineSnapshot
            {
                Name = name,
                Source = valid.Document.Source,
                Content = valid.Document.Content,
                ContentHash = PipelineSnapshot.Hash(valid.Document.Content),
            };
        }

        List<PipelineDefinitionError> errors = results.Where(r => !r.IsValid && NamesPipeline(r.Document, name)).SelectMany(r => r.Errors).ToList();
        throw errors.Count > 0
            ? new PipelineDefinitionException($"pipeline '{name}' has an invalid definition", errors)
            : new PipelineDefinitionException($"pipeline '{name}' is not defined; known: {string.Join(", ", results.Where(r => r.IsValid).Select(r => r.Definition!.Name))}");
    }

    private static PipelineParseResult Invalid(PipelineParseResult result, string path, string reason) =>
        result with { Definition = null, Errors = [.. result.Errors, new PipelineDefinitionError(result.Document.Source, path, reason)] };

    // An invalid file may not even parse; it "names" the pipeline when its file name or its text carries the name.
    private static bool NamesPipeline(PipelineDocument document, string name) =>
        string.Equals(Path.GetFileNameWithoutExtension(document.Source), name, StringComparison.OrdinalIgnoreCase)
        || document.Content.Contains($"\"{name}\"", StringComparison.Ordinal);
}
