using ModelAlloy.Hosting.SelfHosted;
using ModelAlloy.Pipelines.Orchestration;
using ModelAlloy.Pipelines.Tests.Fakes;

namespace ModelAlloy.Pipelines.Tests.Orchestration;

/// <summary>The shipped examples on simulated models, wired as a host wires them: AddModelAlloy, the catalog file, the pipelines folder setting.</summary>
public sealed class ExamplePipelineRunTests : IAsyncLifetime
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "pipelines");
    private LocalAlloyHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await LocalAlloyHost.StartAsync(new LocalAlloyOptions { PipelinesFolder = Folder }, cancellationToken: TestTimeout.Token());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("I forgot my password and the reset link expired", "account", "faq", "rule 2: keyword 'password'")]
    [InlineData("I was charged twice, please refund me", "billing", "billing", "rule 3: regex /\\b(invoice|refund|charged|chargeback)\\b/ matched")]
    [InlineData("The app shows an error on startup", "technical", "technical", "rule 4: keyword 'error'")]
    [InlineData("""{"customer":{"tier":"enterprise"},"text":"SSO broke"}""", "expert", "expert", "rule 1: field customer.tier = 'enterprise'")]
    public async Task Ticket_is_routed_by_the_rules_and_answered_by_simulated_models(string ticket, string route, string stage, string reason)
    {
        string id = "triage-" + route;
        await _host.Client.ScheduleNewOrchestrationInstanceAsync(
            PipelineOrchestrator.Name, new PipelineRunInput { Pipeline = "support-triage", Input = ticket }, new Microsoft.DurableTask.StartOrchestrationOptions { InstanceId = id });
        var run = await _host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, TestTimeout.Token());

        Assert.True(run.RuntimeStatus == Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Completed, run.FailureDetails?.ErrorMessage);
        PipelineRunResult result = run.ReadOutputAs<PipelineRunResult>()!;
        Assert.Equal((route, reason), (result.Stages[0].Route, result.Stages[0].Reason));
        Assert.Equal(stage, result.Stages[1].StageId);
        Assert.True(result.Simulated);
        Assert.StartsWith("[simulated:", result.Output, StringComparison.Ordinal);
        Assert.True(result.CostUsd > 0);
    }

    [Theory]
    [InlineData("content-draft", "noise-cancelling headphones", "write")]
    [InlineData("document-extract", "Invoice 7 from Contoso: total 1,200.00 EUR, due 2026-12-31", "invoice")]
    [InlineData("specialists", "Charged twice after the app crashed, furious", "review")]
    [InlineData("answer-checked", "How do I rotate a storage account key?", "answer,tighten")]
    [InlineData("provider-fallback", "Summarise these meeting notes in two sentences: launch moves to June.", "answer")]
    [InlineData("research", "How are failing activity calls retried?", "research")]
    public async Task Example_runs_to_completion_on_simulated_models(string pipeline, string input, string stages)
    {
        string id = "example-" + pipeline;
        await _host.Client.ScheduleNewOrchestrationInstanceAsync(
            PipelineOrchestrator.Name, new PipelineRunInput { Pipeline = pipeline, Input = input }, new Microsoft.DurableTask.StartOrchestrationOptions { InstanceId = id });
        var run = await _host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, TestTimeout.Token());

        Assert.True(run.RuntimeStatus == Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Completed, run.FailureDetails?.ErrorMessage);
        PipelineRunResult result = run.ReadOutputAs<PipelineRunResult>()!;
        Assert.Equal(stages, string.Join(",", result.Stages.Select(s => s.StageId)));
        Assert.True(result.Simulated);
        Assert.True(result.CostUsd > 0);
    }

    [Fact]
    public async Task Research_searches_the_shipped_corpus_and_lists_what_the_simulated_answer_cited()
    {
        await _host.Client.ScheduleNewOrchestrationInstanceAsync(
            PipelineOrchestrator.Name, new PipelineRunInput { Pipeline = "research", Input = "How do I wait for a human approval with a timeout in Durable Functions?" }, new Microsoft.DurableTask.StartOrchestrationOptions { InstanceId = "example-research" });
        var run = await _host.Client.WaitForInstanceCompletionAsync("example-research", getInputsAndOutputs: true, TestTimeout.Token());

        Assert.True(run.RuntimeStatus == Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Completed, run.FailureDetails?.ErrorMessage);
        PipelineRunResult result = run.ReadOutputAs<PipelineRunResult>()!;
        StageRecord research = result.Stages.Single();
        Assert.Contains(research.Sources!, s => s.Id is "external-events.md" or "human-interaction.md");
        Assert.All(research.Sources!, s => Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "samples", "research", "corpus", s.Id)), s.Id));
        // Simulated answers cite nothing; the output says so instead of inventing citations.
        Assert.Equal([], research.Sources!.Where(s => s.Cited));
        Assert.StartsWith("[simulated:sim-large]", result.Output, StringComparison.Ordinal);
        Assert.EndsWith($"Sources: none cited (the answer cites none of the {research.Sources!.Count} sources found)", result.Output, StringComparison.Ordinal);
        Assert.True(result.Simulated);
    }

    [Fact]
    public async Task High_stakes_ensemble_waits_for_a_person_when_simulated_members_disagree()
    {
        await _host.Client.ScheduleNewOrchestrationInstanceAsync(
            PipelineOrchestrator.Name, new PipelineRunInput { Pipeline = "high-stakes-ensemble", Input = "Water damage claim, policy 88-123" }, new Microsoft.DurableTask.StartOrchestrationOptions { InstanceId = "example-ensemble" });
        CancellationToken deadline = TestTimeout.Token();
        PipelineProgress? progress = null;
        while (progress?.Review is null)
        {
            await Task.Delay(20, deadline);
            var state = await _host.Client.GetInstanceAsync("example-ensemble", getInputsAndOutputs: true, deadline);
            Assert.False(state!.IsCompleted, state.FailureDetails?.ErrorMessage);
            progress = state.SerializedCustomStatus is null ? null : state.ReadCustomStatusAs<PipelineProgress>();
        }

        Assert.Equal(3, progress.Review.Candidates.Count);
        await _host.Client.RaiseEventAsync("example-ensemble", progress.Review.EventName, new PipelineReviewAnswer { Text = "investigate" }, deadline);
        var run = await _host.Client.WaitForInstanceCompletionAsync("example-ensemble", getInputsAndOutputs: true, deadline);

        Assert.Equal(("investigate", "review"), (run.ReadOutputAs<PipelineRunResult>()!.Output, run.ReadOutputAs<PipelineRunResult>()!.Stages[0].DecidedBy));
    }

    [Fact]
    public async Task Ticket_no_rule_matches_goes_to_the_simulated_classifier()
    {
        await _host.Client.ScheduleNewOrchestrationInstanceAsync(
            PipelineOrchestrator.Name, new PipelineRunInput { Pipeline = "support-triage", Input = "Can you tell me more about your plans?" }, new Microsoft.DurableTask.StartOrchestrationOptions { InstanceId = "triage-classifier" });
        var run = await _host.Client.WaitForInstanceCompletionAsync("triage-classifier", getInputsAndOutputs: true, TestTimeout.Token());

        PipelineRunResult result = run.ReadOutputAs<PipelineRunResult>()!;
        Assert.Matches("^(classifier: |complexity )", result.Stages[0].Reason);
        Assert.NotNull(result.Stages[0].Complexity);
        Assert.Equal(["sim-mini"], result.Stages[0].Models);
    }
}
