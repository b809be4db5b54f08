using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using ModelAlloy.Functions.Activities;
using ModelAlloy.Functions.Tests.Fakes;
using ModelAlloy.Hosting.Samples;
using ModelAlloy.Models;
using ModelAlloy.Models.Durable;

namespace ModelAlloy.Functions.Tests.Orchestrations;

/// <summary>The Functions wrappers run on real objects: the orchestrator on a real context, the model-call activities on the real gateway.</summary>
[Collection(DurableCollection.Name)]
public sealed class FunctionWrapperTests(DurableClientFixture durable)
{
    [Fact]
    public async Task Orchestrator_wrapper_reads_its_ticket_and_runs_the_triage()
    {
        CancellationToken timeout = TestTimeout.Token();
        string id = await durable.Client.ScheduleNewOrchestrationInstanceAsync(FunctionWrappers.TicketTriageOrchestrator, new Ticket("T-wrap-1", "hello there"), timeout);

        OrchestrationMetadata done = await durable.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout);

        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{done.RuntimeStatus}: {done.FailureDetails}");
        Assert.Equal("[general] 2 findings for ticket T-wrap-1", done.ReadOutputAs<TicketAnswer>()!.Reply);
    }

    [Fact]
    public async Task Orchestrator_wrapper_without_a_ticket_fails_saying_how_to_start_it()
    {
        CancellationToken timeout = TestTimeout.Token();
        string id = await durable.Client.ScheduleNewOrchestrationInstanceAsync(FunctionWrappers.TicketTriageOrchestrator, input: null, timeout);

        OrchestrationMetadata done = await durable.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Contains("was started without a ticket", done.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Model_call_activities_open_a_call_then_run_a_further_attempt_each_recorded_once_through_the_gateway()
    {
        var context = new FakeFunctionContext(TestTimeout.Token());
        var functions = new ModelCallFunctions(durable.Host.Services.GetRequiredService<IModelAttemptExecutor>());
        var request = new ModelCallRequest { Role = "classify", Messages = [ModelMessage.User("classify: refund")], Pipeline = "functions-tests" };

        ModelCallOpening opening = await functions.OpenAsync(
            new ModelCallOpeningInput { Request = request, RunId = "T-wrap-2", InstanceId = "T-wrap-2", Sequence = 1, ScheduledAtUtc = DateTime.UtcNow }, context);
        ModelCallPlan plan = opening.Plan;
        ModelAttemptOutcome first = opening.FirstAttempt!;
        ModelAttemptOutcome outcome = await functions.AttemptAsync(
            new ModelAttemptInput { Request = request, ModelId = plan.Candidates[0].ModelId, CallId = "T-wrap-2|0001|02", RunId = "T-wrap-2", Attempt = 2, ScheduledAtUtc = DateTime.UtcNow },
            context);

        Assert.Equal("sim-mini", Assert.Single(plan.Candidates).ModelId);
        Assert.Equal(("T-wrap-2|0001|01", "sim-mini"), (first.CallId, first.ModelId));
        Assert.True(first.Succeeded, first.Failure?.ToString());
        Assert.True(outcome.Succeeded, outcome.Failure?.ToString());
        Assert.True(outcome.Simulated);
        ICostLedger ledger = durable.Host.Services.GetRequiredService<ICostLedger>();
        DateOnly today = DateOnly.FromDateTime(DateTime.UtcNow);
        var rows = new List<CostRecord>();
        await foreach (CostRecord record in ledger.QueryAsync(today.AddDays(-1), today.AddDays(1), context.CancellationToken))
        {
            rows.Add(record);
        }

        Assert.Equal(["T-wrap-2|0001|01", "T-wrap-2|0001|02"], rows.Where(r => r.RunId == "T-wrap-2").Select(r => r.CallId).Order(StringComparer.Ordinal));
        Assert.Equal(first.CostUsd + outcome.CostUsd, await ledger.GetRunSpendAsync("T-wrap-2", context.CancellationToken));
    }

    [Fact]
    public async Task Model_call_activity_turns_a_gateway_refusal_into_the_activity_error_with_its_code()
    {
        var context = new FakeFunctionContext(TestTimeout.Token());
        var functions = new ModelCallFunctions(durable.Host.Services.GetRequiredService<IModelAttemptExecutor>());

        ModelActivityException refused = await Assert.ThrowsAsync<ModelActivityException>(
            () => functions.OpenAsync(
                new ModelCallOpeningInput
                {
                    Request = new ModelCallRequest { Model = "no-such-model", Messages = [ModelMessage.User("hi")] },
                    RunId = "T-wrap-3",
                    InstanceId = "T-wrap-3",
                    Sequence = 1,
                    ScheduledAtUtc = DateTime.UtcNow,
                },
                context));

        Assert.Equal(ModelErrorCodes.UnknownModel, refused.ErrorCode);
        Assert.Contains("no-such-model", refused.Message, StringComparison.Ordinal);
    }
}
