using ModelAlloy.Durable.History;
using Azure.Data.Tables;
using ModelAlloy.Testing.Azurite;

namespace ModelAlloy.Durable.AzureStorage.Tests.Backend;

[Collection(AzuriteCollection.Name)]
public sealed class PoisonTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Message_that_always_fails_is_moved_to_the_poison_table_and_fails_the_instance_with_the_reason(bool singleMessage)
    {
        var (host, backend) = await AzureHost.StartAsync(azurite, r => r
            .AddActivity<int, int>("AddOne", x => x + 1)
            .AddOrchestrator<int, int>("Chain", async (ctx, x) => await ctx.CallActivityAsync<int>("AddOne", x)),
            o => o.MaxDequeueCount = 3, singleMessage);
        await using var _ = host;

        // Every episode's history write fails (a storage bug, a corrupt row...): the message can never be processed.
        host.Faults.Arm((point, _) => point == "commit.history");
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Chain", 1);
        var result = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        var failure = result.FailureDetails!;
        Assert.Equal(AzureStorageOrchestrationBackend.PoisonErrorType, failure.ErrorType);
        Assert.Contains("delivered", failure.ErrorMessage);
        Assert.Contains("Injected fault", failure.ErrorMessage);
        Assert.Contains(backend.Poison.TableName, failure.ErrorMessage);
        var poisoned = await backend.Poison.ListAsync(id, CancellationToken.None);
        // The start message, and any activity result that came back meanwhile (the activity is sent before the
        // failing history write), each delivered too often: every one is recorded with its error.
        var start = Assert.Single(poisoned, row => row.GetString("Body").Contains("ExecutionStarted", StringComparison.Ordinal));
        Assert.Contains("commit.history", start.GetString("Error"));
        Assert.All(poisoned, row => Assert.True(row.GetInt64("Deliveries") > 3));
    }

    [Fact]
    public async Task Result_for_a_task_the_history_never_schedules_is_poisoned_after_the_deferral_timeout_with_that_reason()
    {
        var (host, backend) = await AzureHost.StartAsync(azurite, r => r
            .AddOrchestrator<int, int>("Waiter", async (ctx, _) => await ctx.WaitForExternalEvent<int>("never", TimeSpan.FromMinutes(5))),
            o =>
            {
                o.ControlMessageVisibility = TimeSpan.FromSeconds(2);
                o.DeferredMessageTimeout = TimeSpan.FromSeconds(5);
            });
        await using var _ = host;
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", 0);

        var stray = new TaskCompleted(999, "1") { Timestamp = DateTime.UtcNow };
        await backend.SendMessageAsync(new OrchestrationMessage(id, null, stray, "stray-result"), CancellationToken.None);
        var result = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal(AzureStorageOrchestrationBackend.PoisonErrorType, result.FailureDetails!.ErrorType);
        Assert.Contains("for the task or start it answers to appear", result.FailureDetails.ErrorMessage);
        var row = Assert.Single(await backend.Poison.ListAsync(id, CancellationToken.None));
        Assert.Contains("stray-result", row.GetString("Body"));
    }
}
