using ModelAlloy.Cli.Tests.Fakes;

namespace ModelAlloy.Cli.Tests.Commands;

/// <summary><c>alloy pipelines list|validate</c> on the shipped folder and on a temp folder of broken definitions.</summary>
public sealed class PipelinesCommandTests : IDisposable
{
    private static readonly string Shipped = Path.Combine(AppContext.BaseDirectory, "pipelines");
    private readonly string _dir = Directory.CreateTempSubdirectory("alloy-pipelines-").FullName;

    public PipelinesCommandTests()
    {
        File.Copy(Path.Combine(Shipped, "support-triage.json"), Path.Combine(_dir, "support-triage.json"));
        Directory.CreateDirectory(Path.Combine(_dir, "catalogs"));
        File.Copy(Path.Combine(Shipped, "catalogs", "simulated.json"), Path.Combine(_dir, "catalogs", "simulated.json"));
        File.WriteAllText(Path.Combine(_dir, "syntax.json"), "{ \"name\": \"broken\", \"stages\": [ \n");
        File.WriteAllText(Path.Combine(_dir, "bad-route.json"), """{ "name": "bad-route", "stages": [ { "id": "r", "kind": "router", "routes": { "a": "missing" }, "defaultRoute": "a", "rules": [] } ] }""");
        File.WriteAllText(Path.Combine(_dir, "bad-role.json"), """{ "name": "bad-role", "stages": [ { "id": "c", "kind": "chain", "steps": [ { "role": "no-such-role" }, { "model": "gpt-nope" } ] } ] }""");
        File.WriteAllText(Path.Combine(_dir, "bad-kind.json"), """{ "name": "bad-kind", "stages": [ { "id": "d", "kind": "warp" } ] }""");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Validate_prints_every_error_with_file_json_path_and_reason_and_exits_1()
    {
        AlloyResult validate = await Alloy.RunAsync("pipelines", "validate", _dir);

        Assert.Equal(1, validate.ExitCode);
        string[] lines = Alloy.Lines(validate.Output);
        Assert.Contains("ok       support-triage.json (support-triage)", lines);
        Assert.Contains("invalid  syntax.json: $: not valid JSON (line 2, position 1): Expected depth to be zero at the end of the JSON payload.", lines);
        Assert.Contains("invalid  bad-route.json: $.stages[0].routes.a: route 'a' goes to stage 'missing', which does not exist", lines);
        Assert.Contains(lines, l => l.StartsWith("invalid  bad-role.json: $.stages[0].steps[0].role: role 'no-such-role' is not in the model catalog (roles: capable, cheap, judge,", StringComparison.Ordinal));
        Assert.Contains("invalid  bad-role.json: $.stages[0].steps[1].model: model 'gpt-nope' is not in the model catalog", lines);
        Assert.Contains(lines, l => l.StartsWith("invalid  bad-kind.json: $.stages[0].kind: unknown stage kind 'warp'; use one of: router,", StringComparison.Ordinal));
        Assert.Equal($"1 valid, 4 invalid, 5 error(s) in {_dir}; roles and models checked against {Path.Combine(_dir, "catalogs", "simulated.json")}", lines[^1]);
    }

    [Fact]
    public async Task Validate_without_a_catalog_does_not_check_roles()
    {
        File.Delete(Path.Combine(_dir, "catalogs", "simulated.json"));

        AlloyResult validate = await Alloy.RunAsync("pipelines", "validate", _dir);

        Assert.Equal(1, validate.ExitCode);
        Assert.DoesNotContain("no-such-role", validate.Output);
        Assert.EndsWith($"roles and models not checked (no catalog)", Alloy.Lines(validate.Output)[^1]);
    }

    [Fact]
    public async Task The_shipped_pipelines_are_valid_and_listed_with_their_stages()
    {
        AlloyResult validate = await Alloy.RunAsync("pipelines", "validate", Shipped);
        AlloyResult list = await Alloy.RunAsync("pipelines", "list", Shipped);

        Assert.True(validate.ExitCode == 0, validate.ToString());
        int shipped = Directory.GetFiles(Shipped, "*.json").Count(f => !f.EndsWith(".schema.json", StringComparison.Ordinal));
        Assert.StartsWith($"{shipped} valid, 0 invalid, 0 error(s) in ", Alloy.Lines(validate.Output)[^1]);
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Matches(@"\| support-triage\s+\| support-triage\.json\s+\| triage, faq, billing, technical, expert, general\s+\| yes", list.Output);
        Assert.Matches(@"\| high-stakes-ensemble\s+\| high-stakes-ensemble\.json\s+\| label\s+\| yes", list.Output);
    }

    [Fact]
    public async Task List_marks_the_invalid_files_and_exits_1()
    {
        AlloyResult list = await Alloy.RunAsync("pipelines", "list", _dir);

        Assert.Equal(1, list.ExitCode);
        Assert.Matches(@"\| \?\s+\| bad-role\.json\s+\| -\s+\| NO \(2 error\(s\)\)", list.Output);
    }

    [Fact]
    public async Task Validate_of_a_missing_folder_is_a_usage_error()
    {
        AlloyResult validate = await Alloy.RunAsync("pipelines", "validate", "/no/such/folder");

        Assert.Equal(2, validate.ExitCode);
        Assert.Equal(["alloy: pipelines folder '/no/such/folder' not found; pass an existing folder."], Alloy.Lines(validate.Error));
    }
}
