using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using ModelAlloy.Models.Durable;
using ModelAlloy.Models.Tests.Fakes;

namespace ModelAlloy.Models.Tests.Activities;

/// <summary>
/// A role whose chain ends in a human, on the self-hosted Durable Task worker: the exhausted call publishes what it needs
/// as custom status and waits on a durable timer for the client to raise the answer.
/// </summary>
public sealed class HumanEscalationTests : IAsyncLifetime
{
    private const string Call = "call";
    private const string CallOrReport = "call-or-report";
    private FakeModelServer _server = null!;
    private DurableGatewayHost _host = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeModelServer.StartAsync();
        ModelGatewayOptions options = TestCatalog.PrimaryAndBackup(_server.BaseUri).WithRole("hurried", "primary", "backup");
        options.Roles["chat"].EscalateToHuman = true;
        options.Roles["hurried"].EscalateToHuman = true;
        options.Roles["hurried"].EscalationTimeout = TimeSpan.FromMilliseconds(300);
        _host = await DurableGatewayHost.StartAsync(options, r => r
            .AddSingleCall(Call)
            .AddTwoCalls()
            .AddOrchestratorFunc<ModelCallRequest, Failure>(CallOrReport, async (context, request) =>
            {
                try
                {
                    await context.CallModelAsync(request);
                    return new Failure("none", false, 0, string.Empty);
                }
                catch (ModelCallFailedException ex)
                {
                    return new Failure(ex.ErrorCode, ex.EscalateToHuman, ex.Attempts.Count, ex.Message);
                }
            }));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task An_exhausted_chain_asks_a_human_in_custom_status_and_completes_with_the_raised_answer()
    {
        _server.Enqueue(OpenAIWire.ContentFiltered(), OpenAIWire.ContentFiltered());
        await _host.StartAsync(Call, Request("chat"), "run-human");

        HumanEscalationStatus status = await _host.WaitForCustomStatusAsync<HumanEscalationStatus>("run-human", s => s?.Kind == HumanEscalation.StatusKind);
        await _host.Client.RaiseEventAsync("run-human", status.EventName, new HumanAnswer { Text = "positive", Json = """{"label":"positive"}""" });
        OrchestrationMetadata run = await _host.CompletionAsync("run-human");

        Assert.Equal(("ModelAlloy.HumanAnswer.0001", HumanEscalation.EventName(1), "chat", 1), (status.EventName, HumanEscalation.EventName(status.CallSequence), status.Role, status.CallSequence));
        Assert.Equal(ModelErrorCodes.AllAttemptsFailed, status.ErrorCode);
        Assert.Equal(["run-human|0001|01 primary: ContentFiltered", "run-human|0001|02 backup: ContentFiltered"], status.Attempts);
        Assert.InRange(status.DeadlineUtc - run.CreatedAt, TimeSpan.FromHours(24), TimeSpan.FromHours(24.1)); // the default timeout, from when the chain ran out
        Assert.Equal(OrchestrationRuntimeStatus.Completed, run.RuntimeStatus);
        ModelCallResult result = run.ReadOutputAs<ModelCallResult>()!;
        Assert.Equal(("positive", """{"label":"positive"}""", "human", ModelProviderKind.Human), (result.Text, result.Json, result.ModelId, result.Provider));
        Assert.Equal((0m, TokenUsage.None, 2), (result.CostUsd, result.Usage, result.Attempts.Count));
        Assert.Null(run.SerializedCustomStatus);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task Nobody_answering_within_the_escalation_timeout_fails_the_call_with_a_clear_error()
    {
        _server.Enqueue(OpenAIWire.ContentFiltered(), OpenAIWire.ContentFiltered());

        OrchestrationMetadata run = await _host.RunAsync(CallOrReport, Request("hurried"), "run-unanswered");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, run.RuntimeStatus);
        Failure failure = run.ReadOutputAs<Failure>()!;
        Assert.Equal((ModelErrorCodes.HumanEscalationTimedOut, true, 2), (failure.ErrorCode, failure.EscalateToHuman, failure.Attempts));
        Assert.StartsWith(
            "model call 'hurried' (#1) was escalated to a human and nobody answered within 00:00:00.3000000; raise event 'ModelAlloy.HumanAnswer.0001'",
            failure.Message,
            StringComparison.Ordinal);
        Assert.Contains("model call 'hurried' failed after 2 attempt(s) on 2 model(s)", failure.Message, StringComparison.Ordinal);
        Assert.Single(_host.History("run-unanswered").OfType<TimerCreatedEvent>());
    }

    [Fact]
    public async Task Each_escalation_of_a_run_waits_for_its_own_event()
    {
        _server.Enqueue(OpenAIWire.ContentFiltered(), OpenAIWire.ContentFiltered(), OpenAIWire.ContentFiltered(), OpenAIWire.ContentFiltered());
        await _host.StartAsync(TestOrchestrations.TwoCalls, Request("chat"), "run-two-humans");
        HumanEscalationStatus first = await _host.WaitForCustomStatusAsync<HumanEscalationStatus>("run-two-humans", s => s?.CallSequence == 1);

        // The second call's answer arrives first (buffered): it must not be taken as the first call's answer.
        await _host.Client.RaiseEventAsync("run-two-humans", HumanEscalation.EventName(2), new HumanAnswer { Text = "second answer" });
        await _host.Client.RaiseEventAsync("run-two-humans", first.EventName, new HumanAnswer { Text = "first answer" });
        OrchestrationMetadata run = await _host.CompletionAsync("run-two-humans");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, run.RuntimeStatus);
        Assert.Equal("first answer+second answer", run.ReadOutputAs<string>());
    }

    private static ModelCallRequest Request(string role) => new()
    {
        Role = role,
        Messages = [ModelMessage.User("I love it")],
        TaskType = "classify",
        Pipeline = "reviews",
    };

    /// <summary>What the orchestration saw of a failed call.</summary>
    public sealed record Failure(string ErrorCode, bool EscalateToHuman, int Attempts, string Message);
}
