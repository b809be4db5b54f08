using ModelAlloy.Cli;
using ModelAlloy.Evaluation.Comparison;
using ModelAlloy.Evaluation.Tests.Comparison;
using ModelAlloy.Pipelines.Tests.Fakes;

namespace ModelAlloy.Evaluation.Tests.Cli;

public sealed class CompareCommandTests
{
    private const string KeyVariable = "ALLOY_EVAL_TESTS_COMPARE_KEY";

    [Fact]
    public async Task Compare_prints_models_side_by_side_and_train_router_learns_from_its_outcomes()
    {
        await using ModelServer server = ScriptedModels.Script(await ModelServer.StartAsync());
        Environment.SetEnvironmentVariable(KeyVariable, "sk-test-compare");
        string dir = Directory.CreateTempSubdirectory("alloy-compare-").FullName;
        try
        {
            string catalog = Path.Combine(dir, "models.json");
            File.WriteAllText(catalog, Catalog(server.BaseUri));
            string prompts = Path.Combine(dir, "prompts.txt");
            File.WriteAllLines(prompts, ScriptedModels.Prompts);
            string outcomes = Path.Combine(dir, "outcomes");
            var output = new StringWriter();
            var error = new StringWriter();

            int code = await AlloyCommandLine.InvokeAsync(
                ["compare", "--prompts", prompts, "--models", "cheap,capable", "--judge", "judge", "--catalog", catalog, "--outcomes", outcomes],
                output, error, TestTimeout.Token(60));

            string text = output.ToString();
            Assert.True(code == 0, error.ToString());
            Assert.Contains("p1: Question 1 is odd.", text);
            Assert.Matches(@"(?m)^  cheap\s+\d+ ms\s+100\s+20\s+0\.000140\s+0\.00\s+wrong$", text);
            Assert.Matches(@"(?m)^  capable\s+\d+ ms\s+100\s+20\s+0\.001600\s+1\.00\s+right$", text);
            Assert.Matches(@"(?m)^cheap\s+Economy\s+24\s+\d+\s+0\.003360\s+0\.003360\s+0\.500$", text);
            Assert.Matches(@"(?m)^capable\s+Premium\s+24\s+\d+\s+0\.038400\s+0\.003360\s+0\.833$", text);
            Assert.Contains("alloy eval train-router --outcomes", text);
            Assert.Equal(48, ComparisonOutcomeFile.Read(outcomes).Count);

            output.GetStringBuilder().Clear();
            code = await AlloyCommandLine.InvokeAsync(["eval", "train-router", "--outcomes", outcomes, "--out", Path.Combine(dir, "r.zip")], output, error, TestTimeout.Token(120));

            Assert.True(code == 0, error.ToString());
            Assert.Contains("24 rows, trained and validated in", output.ToString());
            Assert.True(File.Exists(Path.Combine(dir, "r.json")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Compare_with_an_unknown_model_says_which_models_exist()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        int code = await AlloyCommandLine.InvokeAsync(
            ["compare", "--prompt", "hi", "--models", "sim-mini,gpt-9", "--catalog", Path.Combine(AppContext.BaseDirectory, "pipelines", "catalogs", "simulated.json"), "--outcomes", Path.GetTempPath()],
            output, error, TestTimeout.Token(30));

        Assert.Equal(1, code);
        Assert.Equal("model 'gpt-9' is not in the catalog; known models: sim-haiku, sim-large, sim-mini", error.ToString().TrimEnd());
    }

    private static string Catalog(Uri endpoint)
    {
        string Model(string id, string tier, int input, int output) => $$"""
            "{{id}}": { "Provider": "OpenAICompatible", "Endpoint": "{{endpoint}}", "Deployment": "{{id}}", "Credential": "EnvironmentVariable",
                        "ApiKeyEnvironmentVariable": "{{KeyVariable}}", "Prices": { "InputPerMillion": {{input}}, "OutputPerMillion": {{output}} },
                        "ContextWindow": 16000, "MaxOutputTokens": 1024, "Tier": "{{tier}}" }
            """;
        return $$"""
            { "ModelGateway": {
                "Retry": { "MaxAttemptsPerModel": 1 },
                "Models": { {{Model("cheap", "Economy", 1, 2)}}, {{Model("capable", "Premium", 10, 30)}}, {{Model("judge", "Standard", 1, 2)}} },
                "Roles": { "judge": { "Chain": [ "judge" ] } } } }
            """;
    }
}
