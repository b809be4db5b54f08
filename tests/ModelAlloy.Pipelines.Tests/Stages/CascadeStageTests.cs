using Microsoft.DurableTask.Client;
using ModelAlloy.Pipelines.Orchestration;
using ModelAlloy.Pipelines.Tests.Fakes;

namespace ModelAlloy.Pipelines.Tests.Stages;

/// <summary>The cascade end to end: acceptance per tier (schema, judge threshold), escalation counts, which tier answered.</summary>
public sealed class CascadeStageTests : IAsyncLifetime
{
    private const string Cascade = """
        {
          "name": "cascade",
          "stages": [
            { "id": "answer", "kind": "cascade", "tiers": [
              { "step": { "role": "cheap", "jsonSchema": { "type": "object", "required": ["answer"], "properties": { "answer": { "type": "string" } } } } },
              { "step": { "role": "a" }, "judge": { "step": { "role": "judge" }, "threshold": 0.7 } },
              { "step": { "role": "capable" } }
            ] }
          ]
        }
        """;

    private PipelineHost _host = null!;

    public async Task InitializeAsync() => _host = (await PipelineHost.StartAsync()).Define("cascade.json", Cascade);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task First_tier_answers_when_its_answer_satisfies_the_schema()
    {
        _host.Server.Script("cheap", """{"answer":"42"}""");

        PipelineRunResult result = await _host.SucceedAsync("cascade", "What is the answer?", "cascade-tier1");

        StageRecord stage = Assert.Single(result.Stages);
        Assert.Equal((1, 0), (stage.AnsweredByTier, stage.Escalations));
        Assert.Equal("""{"answer":"42"}""", result.Output);
        Assert.Equal(0, _host.Server.CallsTo("a") + _host.Server.CallsTo("capable"));
    }

    [Fact]
    public async Task Schema_violation_then_low_judge_score_escalate_twice_to_the_capable_tier()
    {
        _host.Server.Script("cheap", """{"reply":"42"}""");
        _host.Server.Script("a", "Maybe 41?");
        _host.Server.Script("judge", """{"score":0.4,"issues":["wrong number"]}""");
        _host.Server.Script("capable", "It is 42.");

        PipelineRunResult result = await _host.SucceedAsync("cascade", "What is the answer?", "cascade-escalate");

        StageRecord stage = Assert.Single(result.Stages);
        Assert.Equal((3, 2), (stage.AnsweredByTier, stage.Escalations));
        Assert.Equal("tier 1: no acceptable answer (MODEL_ALL_ATTEMPTS_FAILED); tier 2: judge score 0.4 < 0.7; tier 3 accepted", stage.Reason);
        Assert.Equal("It is 42.", result.Output);
        Assert.Equal(["cheap", "a", "judge", "capable"], _host.Server.Requests.Select(r => r.Model));
        Assert.Equal(["answer", "answer", "judge", "answer"], _host.Ledger.Records.Select(r => r.TaskType));
    }

    [Fact]
    public async Task Judge_score_at_the_threshold_accepts_the_tier()
    {
        _host.Server.Script("cheap", "no json");
        _host.Server.Script("a", "42");
        _host.Server.Script("judge", """{"score":0.7,"issues":[]}""");

        PipelineRunResult result = await _host.SucceedAsync("cascade", "What is the answer?", "cascade-judge-pass");

        Assert.Equal((2, 1, 0.7), (result.Stages[0].AnsweredByTier, result.Stages[0].Escalations, result.Stages[0].Score));
        Assert.Equal(0, _host.Server.CallsTo("capable"));
    }

    [Fact]
    public async Task No_acceptable_tier_fails_the_run_with_every_tier_reason()
    {
        _host.Server.Script("cheap", "no json");
        _host.Server.Script("a", "41");
        _host.Server.Script("judge", """{"score":0.1,"issues":["wrong"]}""");

        OrchestrationMetadata run = await _host.RunAsync("cascade", "What is the answer?", "cascade-exhausted");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, run.RuntimeStatus);
        Assert.Contains("stage 'answer' of pipeline 'cascade': no tier produced an acceptable answer", run.FailureDetails!.ErrorMessage);
        Assert.Contains("tier 3: no acceptable answer", run.FailureDetails.ErrorMessage);
    }
}
