using Microsoft.DurableTask.Client;
using ModelAlloy.Pipelines.Orchestration;
using ModelAlloy.Pipelines.Tests.Fakes;

namespace ModelAlloy.Pipelines.Tests.CrossCutting;

/// <summary>
/// Latency budgets end to end on the self-hosted worker: the "capable" model answers only after 10 s, the budget is
/// 1 s, so a durable timer wins the race. Outcomes are asserted (who answered, what was recorded), never timings.
/// </summary>
public sealed class LatencyBudgetTests : IAsyncLifetime
{
    private PipelineHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await PipelineHost.StartAsync();
        _host.Server.Delay("capable", TimeSpan.FromSeconds(10)).Always("capable", _ => "the slow, careful answer");
        _host.Server.Always("cheap", _ => "the quick answer");
        _host.Server.Always("a", prompt => prompt.Contains("the quick answer", StringComparison.Ordinal) ? "the quick answer: done" : "something else: done");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Budget_expiry_falls_back_to_the_faster_stage_and_the_record_says_the_budget_expired()
    {
        _host.Define("fallback.json", Pipeline("fallback", """{ "seconds": 1, "onExpiry": "fallback", "fallbackStage": "quick" }"""));

        PipelineRunResult result = await _host.SucceedAsync("fallback", "Why is the sky blue?", "budget-fallback");

        Assert.Equal("the quick answer: done", result.Output);
        Assert.Equal(["careful", "quick", "finish"], result.Stages.Select(s => s.StageId));
        StageRecord expired = result.Stages[0];
        Assert.True(expired.BudgetExpired);
        Assert.Equal("exceeded its 1 s latency budget: fell back to stage 'quick'", expired.Reason);
        Assert.Empty(expired.Models);
        Assert.Equal(["cheap"], result.Stages[1].Models);
        Assert.Null(result.Stages[1].BudgetExpired);
        Assert.Equal(1, _host.Server.CallsTo("capable"));

        // The abandoned call was bounded by the budget (its timeout is the time left), so it ended as a timeout
        // instead of holding up the run's completion until the slow answer (an orchestration with a running
        // activity cannot complete).
        Assert.Contains(_host.Ledger.Records, r => r.RunId == "budget-fallback" && r.Stage == "careful" && r.Outcome == "Timeout");
    }

    [Fact]
    public async Task Budget_expiry_fails_the_run_with_a_clear_error()
    {
        _host.Define("strict.json", Pipeline("strict", """{ "seconds": 1, "onExpiry": "fail" }"""));

        OrchestrationMetadata run = await _host.RunAsync("strict", "Why is the sky blue?", "budget-fail");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, run.RuntimeStatus);
        Assert.StartsWith(
            "stage 'careful' of pipeline 'strict': exceeded its 1 s latency budget; raise latencyBudget.seconds or set onExpiry 'fallback'",
            run.FailureDetails!.ErrorMessage,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stage_within_its_budget_answers_and_its_timer_is_cancelled_so_the_run_completes()
    {
        _host.Define("roomy.json", """
            { "name": "roomy", "stages": [
                { "id": "quick", "kind": "chain", "steps": [ { "role": "cheap" } ], "latencyBudget": { "seconds": 3600 } } ] }
            """);

        PipelineRunResult result = await _host.SucceedAsync("roomy", "Why is the sky blue?", "budget-roomy");

        Assert.Equal("the quick answer", result.Output);
        Assert.Null(Assert.Single(result.Stages).BudgetExpired);
    }

    [Fact]
    public async Task The_pipelines_budget_races_its_stages_and_fails_the_run_when_it_expires()
    {
        _host.Define("bounded.json", """
            { "name": "bounded", "latencyBudgetSeconds": 1, "stages": [
                { "id": "careful", "kind": "chain", "steps": [ { "role": "capable" } ] } ] }
            """);

        OrchestrationMetadata run = await _host.RunAsync("bounded", "Why is the sky blue?", "budget-pipeline");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, run.RuntimeStatus);
        Assert.StartsWith("stage 'careful' of pipeline 'bounded': the pipeline exceeded its 1 s latency budget", run.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    private static string Pipeline(string name, string budget) => $$"""
        { "name": "{{name}}", "stages": [
            { "id": "careful", "kind": "chain", "steps": [ { "role": "capable" } ], "latencyBudget": {{budget}}, "next": "finish" },
            { "id": "quick", "kind": "chain", "steps": [ { "role": "cheap" } ], "next": "finish" },
            { "id": "finish", "kind": "chain", "steps": [ { "model": "a" } ] } ] }
        """;
}
