using Microsoft.DurableTask.Client;
using ModelAlloy.Pipelines.Orchestration;
using ModelAlloy.Pipelines.Tests.Fakes;

namespace ModelAlloy.Pipelines.Tests.Stages;

/// <summary>The ensemble end to end: agreement, disagreement → review event → result, review timeout → the configured action.</summary>
public sealed class EnsembleStageTests : IAsyncLifetime
{
    private PipelineHost _host = null!;

    public async Task InitializeAsync() => _host = (await PipelineHost.StartAsync())
        .Define("vote.json", Definition("vote", timeoutSeconds: 300, onTimeout: "fail"))
        .Define("strongest.json", Definition("strongest", timeoutSeconds: 1, onTimeout: "strongest"))
        .Define("strict.json", Definition("strict", timeoutSeconds: 1, onTimeout: "fail"));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Majority_at_the_threshold_answers_without_review()
    {
        _host.Server.Script("a", "billing").Script("b", "Billing.").Script("c", "technical");

        PipelineRunResult result = await _host.SucceedAsync("vote", "Charged twice", "ensemble-agree");

        StageRecord stage = result.Stages[0];
        Assert.Equal(("billing", "agreement"), (result.Output, stage.DecidedBy));
        Assert.Equal(2 / 3.0, stage.Agreement!.Value, 6);
    }

    [Fact]
    public async Task Member_that_cannot_answer_is_left_out_of_the_vote()
    {
        _host.Server.Script("a", "billing").Script("c", "Billing");

        PipelineRunResult result = await _host.SucceedAsync("vote", "Charged twice", "ensemble-member-down");

        Assert.Equal(("billing", 1.0), (result.Output, result.Stages[0].Agreement));
        Assert.Equal(["a", "c"], result.Stages[0].Models.Order());
        Assert.Equal(1, _host.Server.CallsTo("b"));
    }

    [Fact]
    public async Task Disagreement_asks_for_review_in_the_custom_status_and_the_review_event_decides()
    {
        _host.Server.Script("a", "billing").Script("b", "technical").Script("c", "account");
        await _host.StartRunAsync("vote", "Charged twice after a crash", "ensemble-review");

        PipelineProgress waiting = await _host.WaitForProgressAsync("ensemble-review", p => p.Review is not null);
        Assert.Equal(("vote", "classify"), (waiting.Pipeline, waiting.Stage));
        Assert.Equal(["billing", "technical", "account"], waiting.Review!.Candidates);
        Assert.Equal(PipelineReviewRequest.EventNameFor("classify"), waiting.Review.EventName);
        Assert.Equal(_host.Ledger.Records.Sum(r => r.CostUsd), waiting.CostUsd);
        Assert.True(waiting.CostUsd > 0);

        await _host.Client.RaiseEventAsync("ensemble-review", waiting.Review.EventName, new PipelineReviewAnswer { Choice = 2 });
        OrchestrationMetadata run = await _host.CompletionAsync("ensemble-review");

        PipelineRunResult result = run.ReadOutputAs<PipelineRunResult>()!;
        Assert.Equal(("technical", "review"), (result.Output, result.Stages[0].DecidedBy));
        Assert.Equal("agreement 0.333 < 0.6; reviewer chose candidate 2", result.Stages[0].Reason);
    }

    [Fact]
    public async Task Review_timeout_takes_the_strongest_member_when_configured()
    {
        _host.Server.Script("a", "billing").Script("b", "technical").Script("c", "account");

        PipelineRunResult result = await _host.SucceedAsync("strongest", "Charged twice", "ensemble-timeout-strongest");

        Assert.Equal(("account", "timeout:strongest"), (result.Output, result.Stages[0].DecidedBy));
    }

    [Fact]
    public async Task Review_timeout_fails_the_run_when_configured()
    {
        _host.Server.Script("a", "billing").Script("b", "technical").Script("c", "account");

        OrchestrationMetadata run = await _host.RunAsync("strict", "Charged twice", "ensemble-timeout-fail");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, run.RuntimeStatus);
        Assert.Contains("nobody answered the review within 00:00:01; raise event 'ModelAlloy.PipelineReview.classify' in time", run.FailureDetails!.ErrorMessage);
    }

    private static string Definition(string name, int timeoutSeconds, string onTimeout) => $$"""
        { "name": "{{name}}", "stages": [ { "id": "classify", "kind": "ensemble",
          "members": [ { "role": "a" }, { "role": "b" }, { "role": "c" } ],
          "aggregation": "vote", "threshold": 0.6,
          "review": { "timeoutSeconds": {{timeoutSeconds}}, "onTimeout": "{{onTimeout}}" } } ] }
        """;
}
