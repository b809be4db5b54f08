using ModelAlloy.Pipelines.Orchestration;
using ModelAlloy.Pipelines.Tests.Fakes;

namespace ModelAlloy.Pipelines.Tests.Stages;

/// <summary>Draft → polish end to end: the judge threshold both ways.</summary>
public sealed class DraftPolishStageTests : IAsyncLifetime
{
    private const string Definition = """
        {
          "name": "content",
          "stages": [
            { "id": "write", "kind": "draft-polish",
              "drafter": { "role": "cheap" },
              "judge": { "step": { "role": "judge" }, "threshold": 0.8 },
              "polisher": { "role": "capable", "prompt": "Fix: {{draft}}\nIssues:\n{{issues}}" } }
          ]
        }
        """;

    private PipelineHost _host = null!;

    public async Task InitializeAsync() => _host = (await PipelineHost.StartAsync()).Define("content.json", Definition);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Draft_scored_at_the_threshold_ships_without_the_capable_model()
    {
        _host.Server.Script("cheap", "A fine draft.");
        _host.Server.Script("judge", """{"score":0.8,"issues":[]}""");

        PipelineRunResult result = await _host.SucceedAsync("content", "Write a product blurb", "draft-ships");

        Assert.Equal(("A fine draft.", "draft", 0.8), (result.Output, result.Stages[0].Shipped, result.Stages[0].Score));
        Assert.Equal(0, _host.Server.CallsTo("capable"));
    }

    [Fact]
    public async Task Draft_below_the_threshold_is_rewritten_by_the_capable_model_given_the_issues()
    {
        _host.Server.Script("cheap", "A rough draft.");
        _host.Server.Script("judge", """{"score":0.5,"issues":["too vague","no call to action"]}""");
        _host.Server.Script("capable", "A polished blurb.");

        PipelineRunResult result = await _host.SucceedAsync("content", "Write a product blurb", "draft-polished");

        Assert.Equal(("A polished blurb.", "polished"), (result.Output, result.Stages[0].Shipped));
        Assert.Equal("judge score 0.5 < 0.8; polished (2 issues)", result.Stages[0].Reason);
        Assert.Equal("Fix: A rough draft.\nIssues:\n- too vague\n- no call to action", _host.Server.Requests.Single(r => r.Model == "capable").Prompt);
        Assert.Equal(["draft", "judge", "polish"], _host.Ledger.Records.Select(r => r.TaskType));
    }
}
