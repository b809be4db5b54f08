using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using ModelAlloy.Pipelines.Definitions;
using ModelAlloy.Pipelines.Orchestration;
using ModelAlloy.Pipelines.Tests.Fakes;
using ModelAlloy.Pipelines.Validation;

namespace ModelAlloy.Pipelines.Tests.Orchestration;

/// <summary>The orchestrator: the definition is read once per run (edits apply to the next run), sub-pipelines, unknown pipelines.</summary>
public sealed class PipelineOrchestratorTests : IAsyncLifetime
{
    private const string Original = """
        { "name": "editable", "stages": [
          { "id": "classify", "kind": "ensemble", "members": [ { "role": "a" }, { "role": "b" } ], "threshold": 1,
            "review": { "timeoutSeconds": 300 }, "next": "finish" },
          { "id": "finish", "kind": "chain", "steps": [ { "role": "cheap", "prompt": "v1: {{input}}" } ] } ] }
        """;

    private static readonly string Edited = Original.Replace("v1: {{input}}", "v2: {{input}}", StringComparison.Ordinal);

    private PipelineHost _host = null!;

    public async Task InitializeAsync() => _host = await PipelineHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Definition_edited_mid_run_leaves_that_run_unchanged_and_the_next_run_uses_the_edit()
    {
        (OrchestrationMetadata first, PipelineProgress waiting) = await EditWhileWaitingForReviewAsync("edit-first", () => _host.StartRunAsync("editable", "ticket", "edit-first"));
        PipelineRunResult second = await _host.SucceedAsync("editable", "ticket", "edit-second");

        PipelineRunResult firstResult = first.ReadOutputAs<PipelineRunResult>()!;
        Assert.Equal(("done v1: billing", PipelineSnapshot.Hash(Original)), (firstResult.Output, firstResult.ContentHash));
        Assert.Equal(("done v2: billing", PipelineSnapshot.Hash(Edited)), (second.Output, second.ContentHash));
        Assert.Equal(PipelineSnapshot.Hash(Original), waiting.ContentHash);
        // Two episodes (before and after the review event), one read of the definition: the replay used the history's copy.
        Assert.Single(_host.History("edit-first").OfType<DurableTask.Core.History.TaskScheduledEvent>(), e => e.Name == PipelineOrchestrator.LoadDefinitionActivity);
        Assert.Single(_host.History("edit-first").OfType<DurableTask.Core.History.EventRaisedEvent>());
    }

    [Fact]
    public async Task Run_handed_its_definition_by_the_starter_reads_nothing_and_replays_from_its_input_after_an_edit()
    {
        PipelineLibrary library = _host.Services.GetRequiredService<PipelineLibrary>();
        (OrchestrationMetadata first, _) = await EditWhileWaitingForReviewAsync("handed-first", async () =>
            await _host.Client.ScheduleNewOrchestrationInstanceAsync(PipelineOrchestrator.Name, await library.PrepareRunAsync("editable", "ticket"), new StartOrchestrationOptions { InstanceId = "handed-first" }));
        await _host.Client.ScheduleNewOrchestrationInstanceAsync(PipelineOrchestrator.Name, await library.PrepareRunAsync("editable", "ticket"), new StartOrchestrationOptions { InstanceId = "handed-second" });
        OrchestrationMetadata second = await _host.CompletionAsync("handed-second");

        PipelineRunResult firstResult = first.ReadOutputAs<PipelineRunResult>()!;
        Assert.Equal(("done v1: billing", PipelineSnapshot.Hash(Original)), (firstResult.Output, firstResult.ContentHash));
        Assert.Equal(("done v2: billing", PipelineSnapshot.Hash(Edited)), (second.ReadOutputAs<PipelineRunResult>()!.Output, second.ReadOutputAs<PipelineRunResult>()!.ContentHash));
        Assert.Single(_host.History("handed-first").OfType<DurableTask.Core.History.EventRaisedEvent>()); // two episodes, the second replayed from the input
        Assert.All(["handed-first", "handed-second"], id => Assert.DoesNotContain(
            _host.History(id).OfType<DurableTask.Core.History.TaskScheduledEvent>(), e => e.Name == PipelineOrchestrator.LoadDefinitionActivity));
    }

    [Fact]
    public async Task Run_handed_another_pipelines_definition_or_a_text_that_does_not_match_its_hash_fails_saying_so()
    {
        _host.Define("plain.json", """{ "name": "plain", "stages": [ { "id": "only", "kind": "chain", "steps": [ { "role": "cheap" } ] } ] }""");
        PipelineRunInput prepared = await _host.Services.GetRequiredService<PipelineLibrary>().PrepareRunAsync("plain", "x");
        PipelineRunInput otherName = prepared with { Pipeline = "other" };
        PipelineRunInput tampered = prepared with { Definition = prepared.Definition! with { Content = prepared.Definition.Content.Replace("only", "else", StringComparison.Ordinal) } };

        await _host.Client.ScheduleNewOrchestrationInstanceAsync(PipelineOrchestrator.Name, otherName, new StartOrchestrationOptions { InstanceId = "handed-other" });
        await _host.Client.ScheduleNewOrchestrationInstanceAsync(PipelineOrchestrator.Name, tampered, new StartOrchestrationOptions { InstanceId = "handed-tampered" });
        OrchestrationMetadata wrongName = await _host.CompletionAsync("handed-other");
        OrchestrationMetadata wrongHash = await _host.CompletionAsync("handed-tampered");

        Assert.Equal((OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Failed), (wrongName.RuntimeStatus, wrongHash.RuntimeStatus));
        Assert.Contains("given the definition of pipeline 'plain' to run pipeline 'other'", wrongName.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("does not match its content hash sha256:", wrongHash.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(_host.Server.Requests);
    }

    [Fact]
    public async Task Prepare_run_of_an_unknown_pipeline_fails_before_anything_starts()
    {
        _host.Define("plain.json", """{ "name": "plain", "stages": [ { "id": "only", "kind": "chain", "steps": [ { "role": "cheap" } ] } ] }""");

        var error = await Assert.ThrowsAsync<PipelineDefinitionException>(() => _host.Services.GetRequiredService<PipelineLibrary>().PrepareRunAsync("nope", "x"));

        Assert.Equal("pipeline 'nope' is not defined; known: plain", error.Message);
    }

    [Fact]
    public async Task Sub_pipeline_runs_as_a_sub_orchestration_and_its_cost_counts_in_the_parent()
    {
        _host.Define("parent.json", """
            { "name": "parent", "stages": [
              { "id": "prepare", "kind": "chain", "steps": [ { "role": "cheap", "prompt": "Summarize: {{input}}" } ], "next": "delegate" },
              { "id": "delegate", "kind": "pipeline", "pipeline": "child" } ] }
            """);
        _host.Define("child.json", """
            { "name": "child", "stages": [ { "id": "answer", "kind": "chain", "steps": [ { "role": "capable", "prompt": "Child: {{input}}" } ] } ] }
            """);
        _host.Server.Script("cheap", "summary").Script("capable", "child answer");

        PipelineRunResult result = await _host.SucceedAsync("parent", "long ticket", "sub-parent");

        Assert.Equal("child answer", result.Output);
        Assert.Equal("Child: summary", _host.Server.Requests.Single(r => r.Model == "capable").Prompt);
        Assert.Equal([("parent", "prepare"), ("child", "answer")], _host.Ledger.Records.Select(r => (r.Pipeline, r.Stage!)));
        Assert.Equal(_host.Ledger.Records.Sum(r => r.CostUsd), result.CostUsd);
        Assert.Equal(["capable"], result.Stages[1].Models);
        Assert.StartsWith("ran 'child' (sha256:", result.Stages[1].Reason);
    }

    [Fact]
    public async Task Model_call_a_stage_cannot_recover_from_fails_the_run_naming_the_stage_and_the_gateway_code()
    {
        _host.Define("plain.json", """{ "name": "plain", "stages": [ { "id": "only", "kind": "chain", "steps": [ { "role": "cheap" } ] } ] }""");

        OrchestrationMetadata run = await _host.RunAsync("plain", "x", "gateway-failure");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, run.RuntimeStatus);
        Assert.StartsWith("stage 'only' of pipeline 'plain': [MODEL_ALL_ATTEMPTS_FAILED] ", run.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(typeof(PipelineStageException).FullName, run.FailureDetails.ErrorType);
    }

    [Fact]
    public async Task Unknown_pipeline_fails_the_run_with_the_known_names()
    {
        _host.Define("child.json", """{ "name": "child", "stages": [ { "id": "answer", "kind": "chain", "steps": [ { "role": "cheap" } ] } ] }""");

        OrchestrationMetadata run = await _host.RunAsync("nope", "x", "unknown-pipeline");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, run.RuntimeStatus);
        Assert.Contains("pipeline 'nope' is not defined; known: child", run.FailureDetails!.ErrorMessage);
        Assert.Single(_host.History("unknown-pipeline").OfType<DurableTask.Core.History.TaskScheduledEvent>(), e => e.Name == PipelineOrchestrator.LoadDefinitionActivity); // a definition error is not retried
        Assert.Empty(_host.History("unknown-pipeline").OfType<DurableTask.Core.History.TimerCreatedEvent>());
    }

    /// <summary>
    /// Defines <see cref="Original"/>, starts the run (<paramref name="start"/>), waits until it asks for a review,
    /// replaces the file with <see cref="Edited"/>, answers, and returns the finished run and the progress it waited with.
    /// </summary>
    private async Task<(OrchestrationMetadata Run, PipelineProgress Waiting)> EditWhileWaitingForReviewAsync(string instanceId, Func<Task> start)
    {
        _host.Define("editable.json", Original);
        _host.Server.Script("a", "billing", "billing").Script("b", "technical", "billing");
        _host.Server.Always("cheap", prompt => "done " + prompt);
        await start();
        PipelineProgress waiting = await _host.WaitForProgressAsync(instanceId, p => p.Review is not null);

        _host.Define("editable.json", Edited);
        await _host.Client.RaiseEventAsync(instanceId, waiting.Review!.EventName, new PipelineReviewAnswer { Choice = 1 });
        return (await _host.CompletionAsync(instanceId), waiting);
    }
}
