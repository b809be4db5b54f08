using ModelAlloy.Evaluation.Replay;
using ModelAlloy.Evaluation.Routing;
using ModelAlloy.Pipelines.Orchestration;
using ModelAlloy.Pipelines.Tests.Fakes;

namespace ModelAlloy.Pipelines.Tests.CrossCutting;

/// <summary>
/// A router trained in the test on outcomes with a known signal, saved, and loaded by a pipeline's router stage
/// (<c>learned</c>) on the self-hosted worker: the stage routes exactly as the router's own evaluation predicts, and
/// where its validation found it no better than random (the "chitchat" task type, whose outcomes are noise) it takes
/// the stage's default route and says why.
/// </summary>
public sealed class LearnedRouterStageTests : IAsyncLifetime
{
    private static readonly string[] Filler = ["river", "stone", "paper", "cloud", "table", "green", "seven", "north", "quiet", "metal"];

    private PipelineHost _host = null!;
    private LearnedRouter _router = null!;

    public async Task InitializeAsync()
    {
        _host = await PipelineHost.StartAsync();
        _router = LearnedRouterTrainer.Train(Outcomes(), new LearnedRouterOptions { Permutations = 300, ValidateUnseenTaskTypes = false, Calibration = CalibrationTarget.StrongShare(0.5) });
        _router.Save(Path.Combine(_host.Folder, "routers", "support.zip"));
        _host.Define("learned-triage.json", Pipeline("learned-triage", "triage")).Define("learned-chitchat.json", Pipeline("learned-chitchat", "chitchat"));
        _host.Server.Always("capable", _ => "strong answer").Always("cheap", _ => "weak answer").Always("a", _ => "default answer");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("river stone integral metal?", "expert", "strong answer")]
    [InlineData("river stone capital metal?", "basic", "weak answer")]
    public async Task Learned_router_routes_as_its_evaluation_predicted(string prompt, string expectedRoute, string expectedOutput)
    {
        RouteDecision predicted = _router.Decide(new RouteFeatures(prompt, "triage", "learned-triage", "route"));

        PipelineRunResult result = await _host.SucceedAsync("learned-triage", prompt, $"learned-{expectedRoute}");

        StageRecord route = result.Stages[0];
        Assert.True(_router.Manifest.TaskTypes["triage"].Routes, _router.Manifest.TaskTypes["triage"].Describe());
        Assert.False(predicted.FellBack);
        Assert.Equal(expectedRoute, predicted.UseStrong ? "expert" : "basic");
        Assert.Equal(expectedRoute, route.Route);
        Assert.Equal(expectedOutput, result.Output);
        Assert.Equal(predicted.ProbabilityWeakSuffices, route.Probability!.Value, 9);
        Assert.Equal(_router.Manifest.Threshold, route.Threshold!.Value, 9);
        Assert.Contains($"learned router {_router.Manifest.ModelVersion}: P(weak suffices)", route.Reason, StringComparison.Ordinal);
        Assert.EndsWith($"route '{expectedRoute}'", route.Reason, StringComparison.Ordinal);
        Assert.Empty(route.Models);
    }

    [Fact]
    public async Task Where_the_router_is_no_better_than_random_for_the_task_type_the_stage_takes_its_default_route()
    {
        PipelineRunResult result = await _host.SucceedAsync("learned-chitchat", "river stone integral metal?", "learned-untrusted");

        StageRecord route = result.Stages[0];
        Assert.False(_router.Manifest.TaskTypes["chitchat"].Routes, _router.Manifest.TaskTypes["chitchat"].Describe());
        Assert.Equal("general", route.Route);
        Assert.Equal("default answer", result.Output);
        Assert.Contains("task type 'chitchat': no-better-than-random", route.Reason, StringComparison.Ordinal);
        Assert.EndsWith("default route 'general'", route.Reason, StringComparison.Ordinal);
        Assert.NotNull(route.Probability);
    }

    [Fact]
    public async Task A_missing_router_model_takes_the_default_route_and_names_the_file()
    {
        _host.Define("learned-missing.json", Pipeline("learned-missing", "triage").Replace("routers/support.zip", "routers/missing.zip", StringComparison.Ordinal));

        PipelineRunResult result = await _host.SucceedAsync("learned-missing", "river stone integral metal?", "learned-missing");

        Assert.Equal("general", result.Stages[0].Route);
        Assert.StartsWith("learned router 'routers/missing.zip' failed (", result.Stages[0].Reason, StringComparison.Ordinal);
        Assert.Contains("missing.json", result.Stages[0].Reason, StringComparison.Ordinal);
    }

    private static string Pipeline(string name, string taskType) => $$"""
        { "name": "{{name}}", "stages": [
            { "id": "route", "kind": "router", "taskType": "{{taskType}}",
              "routes": { "expert": "expert", "basic": "basic", "general": "general" }, "defaultRoute": "general",
              "learned": { "model": "routers/support.zip", "strongRoute": "expert", "weakRoute": "basic" } },
            { "id": "expert", "kind": "chain", "steps": [ { "role": "capable" } ] },
            { "id": "basic", "kind": "chain", "steps": [ { "role": "cheap" } ] },
            { "id": "general", "kind": "chain", "steps": [ { "model": "a" } ] } ] }
        """;

    // "triage": a prompt with "integral" is hard (weak right 20%, strong 90%), one with "capital" easy (both 90%).
    // "chitchat": the same words, but the outcomes ignore them (weak 55%, strong 75%).
    private static RecordedOutcome[] Outcomes()
    {
        var random = new Random(7);
        return Enumerable.Range(0, 800).Select(i =>
        {
            bool signal = i % 2 == 0;
            bool hard = random.NextDouble() < 0.5;
            string prompt = $"{string.Join(" ", Enumerable.Range(0, 4 + random.Next(4)).Select(_ => Filler[random.Next(Filler.Length)]))} {(hard ? "integral" : "capital")} {Filler[random.Next(Filler.Length)]}?";
            bool weak = random.NextDouble() < (signal ? (hard ? 0.2 : 0.9) : 0.55);
            bool strong = random.NextDouble() < (signal ? 0.9 : 0.75);
            return new RecordedOutcome($"{i}", signal ? "triage" : "chitchat", prompt, weak, strong);
        }).ToArray();
    }
}
