using ModelAlloy.Pipelines.Definitions;
using ModelAlloy.Pipelines.Validation;

namespace ModelAlloy.Pipelines.Tests.Definitions;

/// <summary>Invalid definitions: every error names the file, the JSON path and the reason; a bad file never hides the good ones.</summary>
public sealed class DefinitionValidationTests : IDisposable
{
    private static readonly ModelCatalogNames Catalog = new(
        new HashSet<string>(["cheap", "capable", "judge"], StringComparer.OrdinalIgnoreCase),
        new HashSet<string>(["gpt-mini"], StringComparer.OrdinalIgnoreCase));

    private readonly string _folder = Directory.CreateTempSubdirectory("alloy-definitions-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("""{ "name": "p", "stages": [ { "id": "s", "kind": "chain", "steps": [ { "role": "cheap" } ] }, { "id": "t", "kind": "summarize" } ] }""",
        "$.stages[1].kind", "unknown stage kind 'summarize'; use one of: router, cascade")]
    [InlineData("""{ "name": "p", "stages": [ { "id": "s", "kind": "chain", "steps": [ { "prompt": "hi" } ] } ] }""",
        "$.stages[0].steps[0].role", "missing role: a step needs a 'role' (or a 'model') of the model catalog")]
    [InlineData("""{ "name": "p", "stages": [ { "id": "s", "kind": "chain", "steps": [ { "role": "gpt-9" } ] } ] }""",
        "$.stages[0].steps[0].role", "role 'gpt-9' is not in the model catalog (roles: capable, cheap, judge)")]
    [InlineData("""{ "name": "p", "stages": [ { "id": "r", "kind": "router", "routes": { "billing": "billing-desk" }, "defaultRoute": "billing" } ] }""",
        "$.stages[0].routes.billing", "route 'billing' goes to stage 'billing-desk', which does not exist")]
    [InlineData("""{ "name": "p", "stages": [ { "id": "a", "kind": "chain", "steps": [ { "role": "cheap" } ], "next": "b" }, { "id": "b", "kind": "chain", "steps": [ { "role": "cheap" } ], "next": "a" } ] }""",
        "$.stages[1]", "cycle in the stage graph: a → b → a")]
    [InlineData("""{ "name": "p", "stages": [ { "id": "d", "kind": "draft-polish", "drafter": { "role": "cheap" }, "judge": { "step": { "role": "judge" }, "threshold": 1.5 }, "polisher": { "role": "capable" } } ] }""",
        "$.stages[0].judge.threshold", "judge threshold 1.5 is out of range [0, 1]")]
    [InlineData("""{ "name": "p", "stages": [ { "id": "r", "kind": "router", "routes": { "x": "e" }, "defaultRoute": "x", "classifier": { "step": { "role": "cheap" }, "thresholds": [ { "minComplexity": 7, "route": "x" } ] } }, { "id": "e", "kind": "chain", "steps": [ { "role": "cheap" } ] } ] }""",
        "$.stages[0].classifier.thresholds[0].minComplexity", "complexity threshold 7 is out of range [1, 5]")]
    [InlineData("""{ "name": "p", "stages": [ { "id": "x", "kind": "extract-reason", "extractor": { "role": "cheap", "jsonSchema": { "type": "strnig" } }, "reasoner": { "role": "capable" } } ] }""",
        "$.stages[0].extractor.jsonSchema", "the embedded JSON Schema does not parse: #/type: \"strnig\" is not a JSON Schema type")]
    [InlineData("""{ "name": "p", "stages": [ { "id": "x", "kind": "extract-reason", "extractor": { "role": "cheap", "jsonSchema": { "type": "object", "properties": { "a": { "$ref": "#/definitions/missing" } } } }, "reasoner": { "role": "capable" } } ] }""",
        "$.stages[0].extractor.jsonSchema", "the embedded JSON Schema does not parse: ")]
    [InlineData("""{ "name": "p", "stages": [ { "id": "r", "kind": "router", "routes": { "x": "r" }, "defaultRoute": "y" } ] }""",
        "$.stages[0].defaultRoute", "the default route 'y' is not one of the routes")]
    [InlineData("""{ "name": "p", "stages": [ { "id": "e", "kind": "ensemble", "members": [ { "role": "cheap" }, { "role": "capable" } ], "threshold": -0.1 } ] }""",
        "$.stages[0].threshold", "agreement threshold -0.1 is out of range [0, 1]")]
    [InlineData("""{ "name": "p", "stages": [ { "id": "r", "kind": "router", "routes": { "x": "r2" }, "defaultRoute": "x", "rules": [ { "route": "x", "regex": "([a-z" } ] }, { "id": "r2", "kind": "chain", "steps": [ { "role": "cheap" } ] } ] }""",
        "$.stages[0].rules[0].regex", "not a valid regular expression")]
    [InlineData("""{ "name": "p", "stages": [ { "id": "s", "kind": "chain", "steps": [ { "role": "cheap", "promt": "typo" } ] } ] }""",
        "$.stages[0].steps[0].promt", "could not be mapped")]
    [InlineData("""{ "name": "p", "stages": [ { "id": "r", "kind": "router", "routes": { "x": "r" } } ] }""",
        "$.stages[0]", "missing required properties including: 'defaultRoute'")]
    [InlineData("""{ "name": "p", "stages": [ { "id": "s", "kind": "chain", "steps": [ { "role": "cheap" } ] }, ] ,, }""",
        "$", "not valid JSON (line 1")]
    [InlineData("""{ "name": "p", "stages": [ { "id": "s", "kind": "pipeline", "pipeline": "elsewhere" } ] }""",
        "$.stages[0].pipeline", "pipeline 'elsewhere' does not exist (or its definition is invalid)")]
    public async Task Invalid_definition_is_reported_with_file_path_and_reason(string json, string path, string reason)
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "bad.json"), json);
        await File.WriteAllTextAsync(Path.Combine(_folder, "good.json"), """{ "name": "good", "stages": [ { "id": "s", "kind": "chain", "steps": [ { "role": "cheap" } ] } ] }""");
        var library = new PipelineLibrary(new FolderPipelineSource(_folder), Catalog);

        IReadOnlyList<PipelineParseResult> results = await library.LoadAsync();

        PipelineParseResult bad = results.Single(r => r.Document.Source == "bad.json");
        Assert.False(bad.IsValid);
        PipelineDefinitionError error = Assert.Single(bad.Errors);
        Assert.Equal(("bad.json", path), (error.Source, error.Path));
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.True(results.Single(r => r.Document.Source == "good.json").IsValid);
        Assert.Equal("good", (await library.GetSnapshotAsync("good")).Name);
    }

    [Fact]
    public async Task Asking_for_an_invalid_pipeline_throws_its_errors()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "broken.json"), """{ "name": "broken", "stages": [ { "id": "s", "kind": "chain", "steps": [ { "role": "nobody" } ] } ] }""");
        var library = new PipelineLibrary(new FolderPipelineSource(_folder), Catalog);

        PipelineDefinitionException ex = await Assert.ThrowsAsync<PipelineDefinitionException>(() => library.GetSnapshotAsync("broken"));

        Assert.Equal("broken.json: $.stages[0].steps[0].role: role 'nobody' is not in the model catalog (roles: capable, cheap, judge)", Assert.Single(ex.Errors).ToString());
        Assert.StartsWith("pipeline 'broken' has an invalid definition: broken.json: $.stages[0].steps[0].role", ex.Message);
    }

    [Fact]
    public async Task Pipelines_that_run_each_other_are_rejected_as_a_cycle()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "a.json"), """{ "name": "a", "stages": [ { "id": "s", "kind": "chain", "steps": [ { "role": "cheap" } ], "next": "b" }, { "id": "b", "kind": "pipeline", "pipeline": "b" } ] }""");
        await File.WriteAllTextAsync(Path.Combine(_folder, "b.json"), """{ "name": "b", "stages": [ { "id": "call-a", "kind": "pipeline", "pipeline": "a" } ] }""");
        await File.WriteAllTextAsync(Path.Combine(_folder, "c.json"), """{ "name": "c", "stages": [ { "id": "call-a", "kind": "pipeline", "pipeline": "a" } ] }""");

        IReadOnlyList<PipelineParseResult> results = await new PipelineLibrary(new FolderPipelineSource(_folder), Catalog).LoadAsync();

        Assert.Equal("a.json: $.stages[1].pipeline: cycle of sub-pipelines: a → b → a", Assert.Single(results[0].Errors).ToString());
        Assert.Equal("b.json: $.stages[0].pipeline: cycle of sub-pipelines: b → a → b", Assert.Single(results[1].Errors).ToString());
        Assert.True(results[2].IsValid); // c only calls into the cycle; running it fails on a's invalid definition
    }

    [Fact]
    public async Task Two_files_with_one_name_keep_the_first_and_report_the_second()
    {
        const string Twin = """{ "name": "twin", "stages": [ { "id": "s", "kind": "chain", "steps": [ { "role": "cheap" } ] } ] }""";
        await File.WriteAllTextAsync(Path.Combine(_folder, "a.json"), Twin);
        await File.WriteAllTextAsync(Path.Combine(_folder, "b.json"), Twin);

        IReadOnlyList<PipelineParseResult> results = await new PipelineLibrary(new FolderPipelineSource(_folder), Catalog).LoadAsync();

        Assert.True(results[0].IsValid);
        Assert.Equal("b.json: $.name: pipeline 'twin' is already defined in a.json", Assert.Single(results[1].Errors).ToString());
    }
}
