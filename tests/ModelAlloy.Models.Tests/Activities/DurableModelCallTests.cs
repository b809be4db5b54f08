using DurableTask.Core.History;
using Microsoft.DurableTask.Client;
using ModelAlloy.Models.Durable;
using ModelAlloy.Models.Tests.Fakes;

namespace ModelAlloy.Models.Tests.Activities;

/// <summary>
/// context.CallModelAsync end to end on the engine's in-memory backend, the real OpenAI client and the loopback
/// fake server: attempts are activities, waits are durable timers, the ledger is written once per call id.
/// </summary>
public sealed class DurableModelCallTests : IAsyncLifetime
{
    private const string Classify = "classify";
    private FakeModelServer _server = null!;
    private DurableGatewayHost _host = null!;
    private volatile bool _loseNextAttemptResult;

    public async Task InitializeAsync()
    {
        _server = await FakeModelServer.StartAsync();
        ModelGatewayOptions options = TestCatalog.PrimaryAndBackup(_server.BaseUri);
        options.Models["large"] = TestCatalog.OpenAI("large", _server.BaseUri, contextWindow: 200_000, inputPrice: 5m); // in no chain: only a context move reaches it
        options.Retry.FirstInterval = TimeSpan.FromMilliseconds(100); // real durable timers: keep the suite fast
        _host = await DurableGatewayHost.StartAsync(
            options,
            r => r.AddSingleCall(Classify).AddTwoCalls(),
            loseActivityResult: name => ModelCallActivityNames.All.Contains(name) && _loseNextAttemptResult && !(_loseNextAttemptResult = false));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Rate_limit_waits_on_a_durable_timer_for_retry_after_then_retries()
    {
        _server.Enqueue(OpenAIWire.RateLimited(1).WithHeader("retry-after-ms", "300"), OpenAIWire.Completion("positive"));

        OrchestrationMetadata run = await _host.RunAsync(Classify, Request(), "run-429");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, run.RuntimeStatus);
        ModelCallResult result = run.ReadOutputAs<ModelCallResult>()!;
        Assert.Equal(("positive", "primary"), (result.Text, result.ModelId));
        TimerCreatedEvent timer = Assert.Single(_host.History("run-429").OfType<TimerCreatedEvent>());
        Assert.Equal(
            [ModelCallActivityNames.Open, ModelCallActivityNames.Attempt], // the opening activity ran the first attempt
            _host.History("run-429").OfType<TaskScheduledEvent>().Select(t => t.Name));
        Assert.Equal(["run-429|0001|01", "run-429|0001|02"], _host.Ledger.Records.Select(r => r.CallId));
        DateTime firstAttemptAt = _host.Ledger.Records.First().OccurredAtUtc;
        Assert.InRange(timer.FireAt - firstAttemptAt, TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_call_that_succeeds_first_time_is_one_activity_that_resolved_the_plan_and_ran_the_attempt()
    {
        _server.Enqueue(OpenAIWire.Completion("positive"));

        OrchestrationMetadata run = await _host.RunAsync(Classify, Request(), "run-one-activity");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, run.RuntimeStatus);
        Assert.Equal([ModelCallActivityNames.Open], _host.History("run-one-activity").OfType<TaskScheduledEvent>().Select(t => t.Name));
        Assert.Equal(("positive", "primary"), (run.ReadOutputAs<ModelCallResult>()!.Text, run.ReadOutputAs<ModelCallResult>()!.ModelId));
        Assert.Equal("run-one-activity|0001|01", Assert.Single(_host.Ledger.Records).CallId);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Fallback_chain_runs_as_activities_and_calls_in_one_run_get_their_own_sequence()
    {
        _server.Enqueue(OpenAIWire.ContentFiltered(), OpenAIWire.Completion("one"), OpenAIWire.Completion("two"));

        OrchestrationMetadata run = await _host.RunAsync(TestOrchestrations.TwoCalls, Request(), "run-chain");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, run.RuntimeStatus);
        Assert.Equal("one+two", run.ReadOutputAs<string>());
        Assert.Equal(
            [("run-chain|0001|01", "primary", "ContentFiltered"), ("run-chain|0001|02", "backup", "Succeeded"), ("run-chain|0002|01", "primary", "Succeeded")],
            _host.Ledger.Records.Select(r => (r.CallId, r.ModelId, r.Outcome)));
        Assert.Equal("run-chain|0001|01", _host.Ledger.Records.ElementAt(1).FallbackFromCallId);
        Assert.Empty(_host.History("run-chain").OfType<TimerCreatedEvent>());
    }

    [Fact]
    public async Task Redelivered_attempt_is_not_counted_twice_in_the_ledger()
    {
        _server.Enqueue(OpenAIWire.Completion("first delivery"), OpenAIWire.Completion("second delivery"));
        // The attempt ran (and wrote its ledger row) but its result was lost before DTFx stored it, as when a worker
        // dies: DTFx delivers the attempt again.
        _loseNextAttemptResult = true;

        OrchestrationMetadata run = await _host.RunAsync(Classify, Request(), "run-redelivery");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, run.RuntimeStatus);
        Assert.Equal(2, _server.Requests.Count);
        CostRecord record = Assert.Single(_host.Ledger.Records);
        Assert.Equal("run-redelivery|0001|01", record.CallId);
        Assert.Equal(2, _host.Logs.Entries.Count(e => e.Id.Name == "ModelAttemptSucceeded"));
        Assert.Equal("second delivery", run.ReadOutputAs<ModelCallResult>()!.Text);
    }

    [Fact]
    public async Task Everything_failing_fails_the_orchestration_with_one_clear_error_and_every_attempt_recorded()
    {
        ScriptedResponse down = OpenAIWire.Error(500, "server_error", "down");
        _server.Enqueue(down, down, down, down, down, down);

        OrchestrationMetadata run = await _host.RunAsync(Classify, Request(), "run-down");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, run.RuntimeStatus);
        Assert.Contains("model call 'chat' failed after 6 attempt(s) on 2 model(s)", run.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(6, _host.Ledger.Records.Count);
        Assert.Equal(4, _host.History("run-down").OfType<TimerCreatedEvent>().Count());
    }

    [Fact]
    public async Task Unknown_model_fails_at_once_without_retrying_the_activity()
    {
        OrchestrationMetadata run = await _host.RunAsync(Classify, Request() with { Role = null, Model = "nope" }, "run-unknown");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, run.RuntimeStatus);
        Assert.Contains("model 'nope' is not in the catalog", run.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.Single(_host.History("run-unknown").OfType<TaskFailedEvent>());
        Assert.Contains("[MODEL_", _host.History("run-unknown").OfType<TaskFailedEvent>().Single().FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Context_length_exceeded_moves_to_a_larger_model_in_the_next_activity()
    {
        _server.Enqueue(OpenAIWire.ContextLengthExceeded(), OpenAIWire.Completion("fits"));

        OrchestrationMetadata run = await _host.RunAsync(Classify, Request(), "run-context");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, run.RuntimeStatus);
        Assert.Equal(("fits", "large"), (run.ReadOutputAs<ModelCallResult>()!.Text, run.ReadOutputAs<ModelCallResult>()!.ModelId));
        Assert.Equal(["primary", "large"], _host.Ledger.Records.Select(r => r.ModelId));
        Assert.Equal(
            [ModelCallActivityNames.Open, ModelCallActivityNames.Attempt], // the opening activity ran the first attempt
            _host.History("run-context").OfType<TaskScheduledEvent>().Select(t => t.Name));
    }

    [Fact]
    public async Task A_spent_run_cap_stops_the_runs_next_call_without_calling_the_provider()
    {
        _server.Enqueue(OpenAIWire.Completion("first"), OpenAIWire.Completion("never sent"));

        OrchestrationMetadata run = await _host.RunAsync(TestOrchestrations.TwoCalls, Request() with { RunCostCapUsd = 0.000001m }, "run-capped");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, run.RuntimeStatus);
        Assert.True(run.FailureDetails!.IsCausedBy<ModelCallFailedException>(), run.FailureDetails.ToString());
        Assert.Single(_server.Requests);
        Assert.Equal(
            [("run-capped|0001|01", "Succeeded"), ("run-capped|0002|01", "BudgetExceeded")],
            _host.Ledger.Records.Select(r => (r.CallId, r.Outcome)));
        Assert.Equal(0m, _host.Ledger.Records.Last().CostUsd);
    }

    private static ModelCallRequest Request() => new()
    {
        Role = "chat",
        Messages = [ModelMessage.User("I love it")],
        TaskType = "classify",
        Pipeline = "reviews",
    };
}
