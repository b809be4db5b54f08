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
        Assert.Contains(poisoned, row => row.GetString("Body").Contains("ExecutionStarted", StringComparison.Ordinal));
        Assert.All(poisoned, row =>
        {
            Assert.True(row.GetInt64("Deliveries") > 3);
            Assert.Contains("commit.history", row.GetString("Error"));
        });
    }
}
