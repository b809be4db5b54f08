using NJsonSchema;
using ModelAlloy.Pipelines.Definitions;
using ModelAlloy.Pipelines.Validation;

namespace ModelAlloy.Pipelines.Tests.CrossCutting;

/// <summary>Invalid latency budgets, cache settings and learned routers: each error names the file, the JSON path and the reason; the schema knows the fields.</summary>
public sealed class BudgetCacheAndLearnedValidationTests : IDisposable
{
    private const string Tail = """{ "id": "quick", "kind": "chain", "steps": [ { "role": "cheap" } ] }""";
    private static readonly ModelCatalogNames Catalog = new(new HashSet<string>(["cheap", "capable"], StringComparer.OrdinalIgnoreCase), new HashSet<string>(StringComparer.OrdinalIgnoreCase));
    private readonly string _folder = Directory.CreateTempSubdirectory("alloy-crosscutting-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("""{ "seconds": 0 }""", "$.stages[0].latencyBudget.seconds", "a latency budget must be more than 0 seconds, not 0")]
    [InlineData("""{ "seconds": 5, "onExpiry": "fallback" }""", "$.stages[0].latencyBudget.fallbackStage", "onExpiry 'fallback' needs a 'fallbackStage'")]
    [InlineData("""{ "seconds": 5, "onExpiry": "fallback", "fallbackStage": "nowhere" }""", "$.stages[0].latencyBudget.fallbackStage", "the fallback stage 'nowhere' does not exist")]
    [InlineData("""{ "seconds": 5, "onExpiry": "fallback", "fallbackStage": "slow" }""", "$.stages[0].latencyBudget.fallbackStage", "stage 'slow' cannot be its own fallback")]
    [InlineData("""{ "seconds": 5, "fallbackStage": "quick" }""", "$.stages[0].latencyBudget.fallbackStage", "'fallbackStage' is only used with onExpiry 'fallback'")]
    [InlineData("""{ "seconds": 5, "onExpiry": "later" }""", "$.stages[0].latencyBudget.onExpiry", "")]
    public async Task Bad_latency_budgets_are_reported_with_file_path_and_reason(string budget, string path, string reason) =>
        await AssertErrorAsync($$"""{ "name": "p", "stages": [ { "id": "slow", "kind": "chain", "steps": [ { "role": "capable" } ], "latencyBudget": {{budget}} }, {{Tail}} ] }""", path, reason);

    [Fact]
    public async Task A_pipeline_budget_must_be_positive() =>
        await AssertErrorAsync($$"""{ "name": "p", "latencyBudgetSeconds": -1, "stages": [ {{Tail}} ] }""", "$.latencyBudgetSeconds", "the pipeline's latency budget must be more than 0 seconds, not -1");

    [Fact]
    public async Task A_fallback_that_leads_back_is_a_cycle() =>
        await AssertErrorAsync(
            """{ "name": "p", "stages": [ { "id": "slow", "kind": "chain", "steps": [ { "role": "capable" } ], "latencyBudget": { "seconds": 5, "onExpiry": "fallback", "fallbackStage": "quick" } }, { "id": "quick", "kind": "chain", "steps": [ { "role": "cheap" } ], "next": "slow" } ] }""",
            "$.stages[1]",
            "cycle in the stage graph: slow → quick → slow");

    [Theory]
    [InlineData("""{ "ttlSeconds": 0 }""", "chain", "$.stages[0].cache.ttlSeconds", "the cache's time to live must be more than 0 seconds, not 0")]
    [InlineData("""{ }""", "chain", "$.stages[0].cache", "missing required properties including: 'ttlSeconds'")]
    [InlineData("""{ "ttlSeconds": 60 }""", "pipeline", "$.stages[0].cache", "a sub-pipeline stage cannot be cached")]
    public async Task Bad_cache_settings_are_reported_with_file_path_and_reason(string cache, string kind, string path, string reason)
    {
        string stage = kind == "pipeline"
            ? $$"""{ "id": "sub", "kind": "pipeline", "pipeline": "other", "cache": {{cache}} }"""
            : $$"""{ "id": "s", "kind": "chain", "steps": [ { "role": "cheap" } ], "cache": {{cache}} }""";
        await File.WriteAllTextAsync(Path.Combine(_folder, "other.json"), """{ "name": "other", "stages": [ { "id": "s", "kind": "chain", "steps": [ { "role": "cheap" } ] } ] }""");
        await AssertErrorAsync($$"""{ "name": "p", "stages": [ {{stage}} ] }""", path, reason);
    }

    [Theory]
    [InlineData("""{ "model": "routers/support.zip", "threshold": 1.5, "strongRoute": "strong", "weakRoute": "weak" }""", "$.stages[0].learned.threshold", "learned-router threshold 1.5 is out of range [0, 1]")]
    [InlineData("""{ "model": "routers/support.zip", "strongRoute": "expert", "weakRoute": "weak" }""", "$.stages[0].learned.strongRoute", "strong route 'expert' is not one of the routes")]
    [InlineData("""{ "model": "routers/support.zip", "strongRoute": "strong", "weakRoute": "basic" }""", "$.stages[0].learned.weakRoute", "weak route 'basic' is not one of the routes")]
    [InlineData("""{ "model": "routers/support.txt", "strongRoute": "strong", "weakRoute": "weak" }""", "$.stages[0].learned.model", "'routers/support.txt' is not a learned router: name its model (.zip) or its manifest (.json)")]
    [InlineData("""{ "model": "", "strongRoute": "strong", "weakRoute": "weak" }""", "$.stages[0].learned.model", "name the trained router's model file")]
    [InlineData("""{ "strongRoute": "strong", "weakRoute": "weak" }""", "$.stages[0].learned", "missing required properties including: 'model'")]
    public async Task Bad_learned_routers_are_reported_with_file_path_and_reason(string learned, string path, string reason) =>
        await AssertErrorAsync(
            $$"""{ "name": "p", "stages": [ { "id": "r", "kind": "router", "routes": { "strong": "quick", "weak": "quick" }, "defaultRoute": "strong", "learned": {{learned}} }, {{Tail}} ] }""",
            path,
            reason);

    [Fact]
    public async Task A_router_with_a_classifier_and_a_learned_router_is_rejected() =>
        await AssertErrorAsync(
            $$"""{ "name": "p", "stages": [ { "id": "r", "kind": "router", "routes": { "strong": "quick" }, "defaultRoute": "strong", "classifier": { "step": { "role": "cheap" } }, "learned": { "model": "r.zip", "strongRoute": "strong", "weakRoute": "strong" } }, {{Tail}} ] }""",
            "$.stages[0].learned",
            "a router decides by 'classifier' or by 'learned', not both");

    [Fact]
    public async Task The_shipped_schema_accepts_budgets_caches_and_learned_routers_and_rejects_a_bad_budget()
    {
        JsonSchema schema = await JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "pipelines", "pipeline.schema.json"));
        const string Good = """
            { "name": "p", "latencyBudgetSeconds": 30, "stages": [
              { "id": "r", "kind": "router", "routes": { "strong": "slow", "weak": "quick" }, "defaultRoute": "strong",
                "learned": { "model": "routers/support.zip", "threshold": 0.4, "strongRoute": "strong", "weakRoute": "weak" } },
              { "id": "slow", "kind": "chain", "steps": [ { "role": "capable" } ], "cache": { "ttlSeconds": 3600 },
                "latencyBudget": { "seconds": 5, "onExpiry": "fallback", "fallbackStage": "quick" } },
              { "id": "quick", "kind": "chain", "steps": [ { "role": "cheap" } ] } ] }
            """;

        Assert.Empty(schema.Validate(Good).Select(e => $"{e.Path}: {e.Kind}"));
        Assert.NotEmpty(schema.Validate(Good.Replace("\"seconds\": 5", "\"seconds\": 0", StringComparison.Ordinal)));
        Assert.NotEmpty(schema.Validate(Good.Replace("\"ttlSeconds\": 3600", "\"ttl\": 3600", StringComparison.Ordinal)));
        Assert.NotEmpty(schema.Validate(Good.Replace("routers/support.zip", "routers/support.txt", StringComparison.Ordinal)));
        PipelineParseResult parsed = (await new PipelineLibrary(new InlineSource(Good), Catalog).LoadAsync()).Single();
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
    }

    private async Task AssertErrorAsync(string json, string path, string reason)
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "bad.json"), json);
        IReadOnlyList<PipelineParseResult> results = await new PipelineLibrary(new FolderPipelineSource(_folder), Catalog).LoadAsync();

        PipelineDefinitionError error = Assert.Single(results.Single(r => r.Document.Source == "bad.json").Errors);
        Assert.Equal(("bad.json", path), (error.Source, error.Path));
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    private sealed class InlineSource(string json) : IPipelineDefinitionSource
    {
        public Task<IReadOnlyList<PipelineDocument>> ReadAllAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<PipelineDocument>>([new PipelineDocument("inline.json", json)]);
    }
}
