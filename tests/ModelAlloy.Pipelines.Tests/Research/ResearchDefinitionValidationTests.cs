using ModelAlloy.Pipelines.Definitions;
using ModelAlloy.Pipelines.Validation;

namespace ModelAlloy.Pipelines.Tests.Research;

/// <summary>Invalid research stages: each error names the file, the JSON path and the reason.</summary>
public sealed class ResearchDefinitionValidationTests : IDisposable
{
    private const string Valid = """
        "queries": { "role": "cheap" }, "claims": { "role": "cheap" }, "synthesizer": { "role": "capable" }
        """;

    private static readonly ModelCatalogNames Catalog = new(
        new HashSet<string>(["cheap", "capable"], StringComparer.OrdinalIgnoreCase),
        new HashSet<string>([], StringComparer.OrdinalIgnoreCase));

    private readonly string _folder = Directory.CreateTempSubdirectory("alloy-research-definitions-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(Valid + """, "search": { "backend": "bing" }""", "$.stages[0].search.backend", "unknown search backend 'bing'; use one of: local, azure-search, web")]
    [InlineData(Valid + """, "maxQueries": 0""", "$.stages[0].maxQueries", "maxQueries 0 is out of range [1, 10]")]
    [InlineData(Valid + """, "maxResults": 50""", "$.stages[0].maxResults", "maxResults 50 is out of range [1, 20]")]
    [InlineData(Valid + """, "duplicateThreshold": 1.5""", "$.stages[0].duplicateThreshold", "near-duplicate threshold 1.5 is out of range [0, 1]")]
    [InlineData(Valid + """, "search": { "maxAttempts": 0 }""", "$.stages[0].search.maxAttempts", "search maxAttempts 0 is out of range [1, 10]")]
    [InlineData(Valid + """, "search": { "firstRetrySeconds": 0 }""", "$.stages[0].search.firstRetrySeconds", "search firstRetrySeconds 0 is out of range (0, 300]")]
    [InlineData(""" "queries": { "role": "cheap" }, "claims": { "prompt": "no role" }, "synthesizer": { "role": "capable" }""", "$.stages[0].claims.role", "missing role: a step needs a 'role' (or a 'model') of the model catalog")]
    [InlineData(Valid + """, "structure": { "role": "tiny" }""", "$.stages[0].structure.role", "role 'tiny' is not in the model catalog (roles: capable, cheap)")]
    [InlineData(""" "queries": { "role": "cheap" }, "claims": { "role": "cheap" }""", "$.stages[0]", "missing required properties including: 'synthesizer'")]
    [InlineData(Valid + """, "search": { "backend": "local", "top": 3 }""", "$.stages[0].search.top", "could not be mapped")]
    public async Task Invalid_research_stage_is_reported_with_file_path_and_reason(string properties, string path, string reason)
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "bad-research.json"), $$"""{ "name": "r", "stages": [ { "id": "dig", "kind": "research", {{properties}} } ] }""");
        await File.WriteAllTextAsync(Path.Combine(_folder, "good-research.json"), $$"""{ "name": "g", "stages": [ { "id": "dig", "kind": "research", {{Valid}} } ] }""");
        var library = new PipelineLibrary(new FolderPipelineSource(_folder), Catalog);

        IReadOnlyList<PipelineParseResult> results = await library.LoadAsync();

        Assert.True(results.Single(r => r.Document.Source == "good-research.json").IsValid);
        PipelineDefinitionError error = Assert.Single(results.Single(r => r.Document.Source == "bad-research.json").Errors);
        Assert.Equal(("bad-research.json", path), (error.Source, error.Path));
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }
}
