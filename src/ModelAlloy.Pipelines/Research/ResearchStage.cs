using System.Globalization;
using System.Text.Json;
using ModelAlloy.Models;
using ModelAlloy.Pipelines.Definitions;
using ModelAlloy.Pipelines.Orchestration;
using ModelAlloy.Pipelines.Stages;

namespace ModelAlloy.Pipelines.Research;

/// <summary>
/// Research: queries (cheap, under a built-in schema) → one search activity per query, all at once and retried →
/// the claims of each source (cheap, all at once) → near-duplicate claims removed, the rest optionally structured
/// (cheap) → a synthesis (capable) citing sources as <c>[n]</c>; the record lists the sources and which were cited.
/// </summary>
internal static class ResearchStage
{
    private const int MaxClaimsPerSource = 10;
    private const string QueriesSchema = """{"type":"object","properties":{"queries":{"type":"array","items":{"type":"string"}}},"required":["queries"]}""";
    private const string ClaimsSchema = """{"type":"object","properties":{"claims":{"type":"array","items":{"type":"string"}}},"required":["claims"]}""";
    private const string DefaultQueriesPrompt = "Write at most {{maxQueries}} short search queries that would find the facts needed to answer the question. Answer as JSON: {\"queries\": [\"...\"]}.\n\nQuestion:\n{{input}}";
    private const string DefaultClaimsPrompt = "List the factual claims in this source that help answer the question, each a self-contained sentence. Answer as JSON: {\"claims\": [\"...\"]}.\n\nQuestion: {{input}}\n\nSource: {{title}}\n{{content}}";
    private const string DefaultStructurePrompt = "Group these claims into short notes by theme. Keep each claim's [n] source marker.\n\nQuestion: {{input}}\n\nClaims:\n{{claims}}";
    private const string DefaultSynthesisPrompt = "Sources:\n{{sources}}\n\nClaims:\n{{claims}}\n\nNotes:\n{{notes}}\n\nAnswer the question from the claims above. Cite the source of every statement as [n], using only the numbers given.\n\nQuestion: {{input}}";

    public static async Task<StageOutcome> RunAsync(StageContext run, ResearchStageDefinition stage, StageInput input)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["input"] = input.Text,
            ["original"] = input.Original,
            ["maxQueries"] = stage.MaxQueries.ToString(CultureInfo.InvariantCulture),
        };

        IReadOnlyList<string> queries = await QueriesAsync(run, stage, input, values).ConfigureAwait(true);
        (IReadOnlyList<SearchHit> hits, int failed) = await SearchAsync(run, stage, queries).ConfigureAwait(true);
        List<ResearchSource> sources = hits.Select((h, i) => new ResearchSource { Number = i + 1, Id = h.Id, Title = h.Title, Url = h.Url }).ToList();

        ResearchClaim[][] perSource = await Task.WhenAll(hits.Select((h, i) => ClaimsAsync(run, stage, h, i + 1, values))).ConfigureAwait(true);
        List<ResearchClaim> claims = perSource.SelectMany(c => c).ToList();
        IReadOnlyList<ResearchClaim> distinct = NearDuplicateFilter.Remove(claims, c => c.Text, stage.DuplicateThreshold);
        values["claims"] = distinct.Count == 0 ? "(no claims found)" : string.Join("\n", distinct.Select(c => $"- {c.Text} [{c.Source}]"));
        values["sources"] = sources.Count == 0 ? "(no sources found)" : string.Join("\n", sources.Select(s => $"[{s.Number}] {s.Title}" + (s.Url is { Length: > 0 } url ? $" ({url})" : string.Empty)));
        values["notes"] = stage.Structure is { } structure && distinct.Count > 0
            ? Answer(await run.CallAsync(structure, "research-structure", DefaultStructurePrompt, values).ConfigureAwait(true))
            : values["claims"];

        string answer = Answer(await run.CallAsync(stage.Synthesizer, "research-synthesis", DefaultSynthesisPrompt, values).ConfigureAwait(true));
        (IReadOnlyList<ResearchSource> mapped, IReadOnlyList<int> unknown) = CitationMap.Map(answer, sources);
        string reason = string.Create(
            CultureInfo.InvariantCulture,
            $"{queries.Count} queries, {hits.Count} sources{(failed > 0 ? $" ({failed} searches failed)" : string.Empty)}, {claims.Count} claims, {claims.Count - distinct.Count} near-duplicates removed, {mapped.Count(s => s.Cited)} of {sources.Count} sources cited");
        if (unknown.Count > 0)
        {
            reason += $"; citations {string.Join(", ", unknown.Select(n => $"[{n}]"))} name no source";
        }

        return new StageOutcome(CitationMap.AppendSources(answer, mapped), new StageRecord { StageId = stage.Id, Kind = stage.Kind, Reason = reason, Sources = mapped });
    }

    private static async Task<IReadOnlyList<string>> QueriesAsync(StageContext run, ResearchStageDefinition stage, StageInput input, Dictionary<string, string> values)
    {
        ModelCallResult result = await run.CallAsync(stage.Queries, "research-queries", DefaultQueriesPrompt, values, QueriesSchema).ConfigureAwait(true);
        IEnumerable<string> written = Strings(result, "queries") ?? throw run.Fail($"the query writer did not answer {{\"queries\": [...]}}: {Shorten(result.Text)}");
        IEnumerable<string> all = stage.IncludeInput ? written.Prepend(Shorten(input.Text, 500)) : written;
        List<string> queries = all.Where(q => q.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).Take(stage.MaxQueries).ToList();
        return queries.Count > 0 ? queries : throw run.Fail("the query writer wrote no queries");
    }

    private static async Task<(IReadOnlyList<SearchHit> Hits, int Failed)> SearchAsync(StageContext run, ResearchStageDefinition stage, IReadOnlyList<string> queries)
    {
        TaskOptions retry = TaskOptions.FromRetryPolicy(
            new RetryPolicy(stage.Search.MaxAttempts, TimeSpan.FromSeconds(stage.Search.FirstRetrySeconds), backoffCoefficient: 2.0)
            {
                HandleFailure = failure => !IsConfigurationError(failure),
            });
        (IReadOnlyList<SearchHit>? Hits, string? Error)[] results = await Task.WhenAll(queries
            .Select(q => SearchOrErrorAsync(run, new SearchCall { Backend = stage.Search.Backend, Query = q, Top = stage.MaxResults }, retry)))
            .ConfigureAwait(true);
        if (results.All(r => r.Hits is null))
        {
            throw run.Fail($"all {queries.Count} searches on '{stage.Search.Backend}' failed after {stage.Search.MaxAttempts} attempts each; the first: {results[0].Error}");
        }

        // A source found by several queries is one source, numbered where it was first found.
        List<SearchHit> hits = results.SelectMany(r => r.Hits ?? []).DistinctBy(h => h.Id, StringComparer.Ordinal).ToList();
        return (hits, results.Count(r => r.Hits is null));
    }

    private static async Task<(IReadOnlyList<SearchHit>? Hits, string? Error)> SearchOrErrorAsync(StageContext run, SearchCall call, TaskOptions retry)
    {
        try
        {
            return (await run.Orchestration.CallActivityAsync<IReadOnlyList<SearchHit>>(ResearchActivities.Search, call, retry).ConfigureAwait(true), null);
        }
        catch (TaskFailedException ex) when (!IsConfigurationError(ex.FailureDetails))
        {
            // Retries spent: the other queries may still inform the answer.
            return (null, ex.FailureDetails.ErrorMessage);
        }
        catch (TaskFailedException ex)
        {
            throw run.Fail(ex.FailureDetails.ErrorMessage, ex);
        }
    }

    // By name: a transient failure's type (e.g. HttpRequestException) need not be loadable here to be told apart.
    private static bool IsConfigurationError(TaskFailureDetails failure) =>
        string.Equals(failure.ErrorType, typeof(SearchConfigurationException).FullName, StringComparison.Ordinal)
        || (failure.InnerFailure is { } inner && IsConfigurationError(inner));

    private static async Task<ResearchClaim[]> ClaimsAsync(StageContext run, ResearchStageDefinition stage, SearchHit hit, int source, Dictionary<string, string> shared)
    {
        var values = new Dictionary<string, string>(shared, StringComparer.Ordinal) { ["title"] = hit.Title, ["content"] = hit.Content, ["url"] = hit.Url ?? string.Empty };
        try
        {
            ModelCallResult result = await run.CallAsync(stage.Claims, "research-claims", DefaultClaimsPrompt, values, ClaimsSchema).ConfigureAwait(true);
            return (Strings(result, "claims") ?? []).Where(c => c.Length > 0).Take(MaxClaimsPerSource).Select(c => new ResearchClaim(c, source)).ToArray();
        }
        catch (ModelCallFailedException)
        {
            // A source whose claims cannot be read adds none (its cost still counts); the others still inform the answer.
            return [];
        }
    }

    private static IEnumerable<string>? Strings(ModelCallResult result, string property)
    {
        try
        {
            using JsonDocument json = JsonDocument.Parse(result.Json ?? result.Text);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty(property, out JsonElement array)
                && array.ValueKind == JsonValueKind.Array
                ? array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!.Trim()).ToList()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Answer(ModelCallResult result) => result.Json ?? result.Text;

    private static string Shorten(string text, int length = 200) => text.Length <= length ? text.Trim() : text[..length].Trim();
}
