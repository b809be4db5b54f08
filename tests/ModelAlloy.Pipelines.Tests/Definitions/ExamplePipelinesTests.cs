using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModelAlloy.Models;
using ModelAlloy.Pipelines.Definitions;
using ModelAlloy.Pipelines.Validation;
using NJsonSchema;

namespace ModelAlloy.Pipelines.Tests.Definitions;

/// <summary>The shipped examples and schema: every example is valid for the loader and for the schema editors use.</summary>
public sealed class ExamplePipelinesTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "pipelines");

    public static TheoryData<string> Examples() => new(Directory.EnumerateFiles(Folder, "*.json").Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal)).Select(Path.GetFileName).Order()!);

    [Fact]
    public async Task Every_example_loads_against_the_simulated_catalog()
    {
        var library = new PipelineLibrary(new FolderPipelineSource(Folder), ModelCatalogNames.From(SimulatedCatalog()));

        IReadOnlyList<PipelineParseResult> results = await library.LoadAsync();

        Assert.Equal(["answer-checked", "content-draft", "document-extract", "high-stakes-ensemble", "provider-fallback", "research", "specialists", "support-triage"], results.Select(r => r.Definition?.Name ?? string.Join("; ", r.Errors)));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Example_satisfies_the_shipped_schema_and_points_at_it(string file)
    {
        JsonSchema schema = await JsonSchema.FromFileAsync(Path.Combine(Folder, "pipeline.schema.json"));
        string json = await File.ReadAllTextAsync(Path.Combine(Folder, file));

        Assert.Empty(schema.Validate(json).Select(e => $"{e.Path}: {e.Kind}"));
        Assert.Contains("\"$schema\": \"./pipeline.schema.json\"", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "name": "p", "stages": [ { "id": "s", "kind": "summarize" } ] }""")]
    [InlineData("""{ "name": "p", "stages": [ { "id": "s", "kind": "chain", "steps": [ { "prompt": "no role" } ] } ] }""")]
    [InlineData("""{ "name": "p", "stages": [ { "id": "d", "kind": "draft-polish", "drafter": { "role": "x" }, "judge": { "step": { "role": "x" }, "threshold": 2 }, "polisher": { "role": "x" } } ] }""")]
    public async Task Schema_rejects_what_the_loader_rejects(string json)
    {
        JsonSchema schema = await JsonSchema.FromFileAsync(Path.Combine(Folder, "pipeline.schema.json"));

        Assert.NotEmpty(schema.Validate(json));
    }

    internal static ModelGatewayOptions SimulatedCatalog()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(Folder, "catalogs", "simulated.json")).Build();
        return configuration.GetSection("ModelGateway").Get<ModelGatewayOptions>()!;
    }
}
