using Microsoft.DurableTask.Client;
using ModelAlloy.Pipelines.Orchestration;
using ModelAlloy.Pipelines.Tests.Fakes;

namespace ModelAlloy.Pipelines.Tests.Stages;

/// <summary>Validation (fail, fallback, refine) and the refine loop end to end, each after a cheap answering stage.</summary>
public sealed class ValidationAndRefineStageTests : IAsyncLifetime
{
    private PipelineHost _host = null!;

    public async Task InitializeAsync() => _host = (await PipelineHost.StartAsync())
        .Define("checked.json", Validated("checked", "\"onFailure\": \"fail\""))
        .Define("fallback.json", Validated("fallback", "\"onFailure\": \"fallback\", \"fallback\": { \"role\": \"capable\" }"))
        .Define("refined.json", Validated("refined", "\"onFailure\": \"refine\", \"reviser\": { \"role\": \"capable\", \"prompt\": \"Fix '{{draft}}': {{reason}}\" }, \"maxRounds\": 2"))
        .Define("loop.json", """
            { "name": "loop", "stages": [ { "id": "polish", "kind": "refine", "maxRounds": 2,
              "critic": { "role": "judge" }, "reviser": { "role": "capable", "prompt": "Revise '{{draft}}': {{reason}}" } } ] }
            """);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Valid_answer_passes_through()
    {
        _host.Server.Script("cheap", "Paris").Script("judge", """{"pass":true,"reason":"correct"}""");

        PipelineRunResult result = await _host.SucceedAsync("checked", "Capital of France?", "validation-pass");

        Assert.Equal(("Paris", true, "valid: correct"), (result.Output, result.Stages[1].Passed, result.Stages[1].Reason));
        Assert.Contains("Answer:\nParis", _host.Server.Requests.Single(r => r.Model == "judge").Prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_answer_fails_the_run_with_the_validator_reason()
    {
        _host.Server.Script("cheap", "Lyon").Script("judge", """{"pass":false,"reason":"Lyon is not the capital"}""");

        OrchestrationMetadata run = await _host.RunAsync("checked", "Capital of France?", "validation-fail");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, run.RuntimeStatus);
        Assert.Contains("stage 'verify' of pipeline 'checked': the answer is invalid: Lyon is not the capital", run.FailureDetails!.ErrorMessage);
    }

    [Fact]
    public async Task Invalid_answer_falls_back_to_the_capable_model_whose_answer_is_checked_again()
    {
        _host.Server.Script("cheap", "Lyon").Script("judge", """{"pass":false,"reason":"wrong city"}""", """{"pass":true,"reason":"correct"}""").Script("capable", "Paris");

        PipelineRunResult result = await _host.SucceedAsync("fallback", "Capital of France?", "validation-fallback");

        Assert.Equal(("Paris", 1), (result.Output, result.Stages[1].Escalations));
        Assert.Equal("Capital of France?", _host.Server.Requests.Single(r => r.Model == "capable").Prompt);
    }

    [Fact]
    public async Task Invalid_answer_is_refined_until_the_validator_passes_it()
    {
        _host.Server.Script("cheap", "Lyon")
            .Script("judge", """{"pass":false,"reason":"wrong city"}""", """{"pass":false,"reason":"still wrong"}""", """{"pass":true,"reason":"ok"}""")
            .Script("capable", "Marseille", "Paris");

        PipelineRunResult result = await _host.SucceedAsync("refined", "Capital of France?", "validation-refine");

        Assert.Equal(("Paris", 2), (result.Output, result.Stages[1].Rounds));
        Assert.Equal(["Fix 'Lyon': wrong city", "Fix 'Marseille': still wrong"], _host.Server.Requests.Where(r => r.Model == "capable").Select(r => r.Prompt));
    }

    [Fact]
    public async Task Refine_loop_stops_at_max_rounds_and_ships_the_last_revision()
    {
        _host.Server.Always("judge", _ => """{"pass":false,"reason":"too long"}""").Script("capable", "v1", "v2", "v3");

        PipelineRunResult result = await _host.SucceedAsync("loop", "v0", "refine-exhausted");

        StageRecord stage = result.Stages[0];
        Assert.Equal(("v2", 2, false), (result.Output, stage.Rounds, stage.Passed));
        Assert.Equal(3, _host.Server.CallsTo("judge"));
        Assert.Equal(["critique", "revise", "critique", "revise", "critique"], _host.Ledger.Records.Select(r => r.TaskType));
    }

    [Fact]
    public async Task Refine_loop_stops_as_soon_as_the_critic_passes()
    {
        _host.Server.Script("judge", """{"pass":false,"reason":"typo"}""", """{"pass":true,"reason":"clean"}""").Script("capable", "fixed");

        PipelineRunResult result = await _host.SucceedAsync("loop", "tpyo", "refine-pass");

        Assert.Equal(("fixed", 1, true), (result.Output, result.Stages[0].Rounds, result.Stages[0].Passed));
        Assert.Equal("passed after 1 revision(s): clean", result.Stages[0].Reason);
    }

    private static string Validated(string name, string policy) => $$$"""
        { "name": "{{{name}}}", "stages": [
          { "id": "answer", "kind": "chain", "steps": [ { "role": "cheap" } ], "next": "verify" },
          { "id": "verify", "kind": "validation", "validator": { "role": "judge" }, {{{policy}}} } ] }
        """;
}
