using ModelAlloy.Pipelines.Orchestration;
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

        RejectSubPipelineCycles(results);
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

    /// <summary>
    /// What a starter schedules: the pipeline's definition read now (so the run spends no step reading it) and the
    /// input. Fails before anything starts when the pipeline is unknown or invalid.
    /// </summary>
    /// <param name="name">The pipeline name.</param>
    /// <param name="input">The run's input.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The run's input, with <see cref="PipelineRunInput.Definition"/> set.</returns>
    /// <exception cref="PipelineDefinitionException">When no valid definition has that name (the errors say why).</exception>
    public async Task<PipelineRunInput> PrepareRunAsync(string name, string input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return PipelineRunInput.For(await GetSnapshotAsync(name, cancellationToken).ConfigureAwait(false), input);
    }

    // Pipelines that run each other (a → b → a) would recurse without end; every member of such a cycle is rejected.
    private static void RejectSubPipelineCycles(List<PipelineParseResult> results)
    {
        Dictionary<string, int> byName = results.Select((r, i) => (r, i)).Where(x => x.r.Definition is not null).ToDictionary(x => x.r.Definition!.Name, x => x.i, StringComparer.Ordinal);
        IEnumerable<(int Stage, string Target)> Calls(int i) => results[i].Definition!.Stages
            .Select((s, index) => (index, s)).Where(x => x.s is SubPipelineStageDefinition).Select(x => (x.index, ((SubPipelineStageDefinition)x.s).Pipeline));

        var cycles = new List<(int Index, int Stage, string Trail)>();
        foreach ((string name, int start) in byName)
        {
            var trail = new List<string> { name };
            if (FindCycle(start, trail) is { } stage)
            {
                cycles.Add((start, stage, string.Join(" → ", trail)));
            }
        }

        foreach ((int index, int stage, string trail) in cycles)
        {
            results[index] = Invalid(results[index], $"$.stages[{stage}].pipeline", $"cycle of sub-pipelines: {trail}");
        }

        int? FindCycle(int index, List<string> trail)
        {
            foreach ((int stage, string target) in Calls(index))
            {
                if (target == trail[0])
                {
                    trail.Add(target);
                    return stage;
                }

                if (!trail.Contains(target, StringComparer.Ordinal) && byName.TryGetValue(target, out int next))
                {
                    trail.Add(target);
                    if (FindCycle(next, trail) is not null)
                    {
                        return stage;
                    }

                    trail.RemoveAt(trail.Count - 1);
                }
            }

            return null;
        }
    }

    private static PipelineParseResult Invalid(PipelineParseResult result, string path, string reason) =>
        result with { Definition = null, Errors = [.. result.Errors, new PipelineDefinitionError(result.Document.Source, path, reason)] };

    // An invalid file may not even parse; it "names" the pipeline when its file name or its text carries the name.
    private static bool NamesPipeline(PipelineDocument document, string name) =>
        string.Equals(Path.GetFileNameWithoutExtension(document.Source), name, StringComparison.OrdinalIgnoreCase)
        || document.Content.Contains($"\"{name}\"", StringComparison.Ordinal);
}
