using ModelAlloy.Durable.Backend;
using ModelAlloy.Durable.History;
using ModelAlloy.Testing.Azurite;

namespace ModelAlloy.Durable.AzureStorage.Tests.Backend;

[Collection(AzuriteCollection.Name)]
public sealed class CreateRecoveryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Create_retried_after_a_client_died_before_sending_the_start_starts_the_instance_once_with_its_first_input()
    {
        var (host, backend) = await AzureHost.StartAsync(azurite, r => r
            .AddActivity<int, int>("Double", x => x * 2)
            .AddOrchestrator<int, int>("Doubles", (ctx, x) => ctx.CallActivityAsync<int>("Double", x)));
        await using var _ = host;
        var id = "crashed-create-" + Guid.NewGuid().ToString("N")[..8];

        // What such a client leaves behind: the instance row, written exactly as a create writes it, and no message.
        var started = new ExecutionStarted("Doubles", new DurableTaskRegistry().DefaultVersion, "21", Guid.NewGuid().ToString("N"), TraceId: "trace") { Timestamp = DateTime.UtcNow };
        Assert.True((await backend.Instances.TryInsertAsync(id, started, CancellationToken.None)).Created);
        await Task.Delay(1500);
        Assert.Equal(OrchestrationRuntimeStatus.Pending, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);

        // The retry keeps the existing instance (its row's input, not the retry's) and gets it going.
        var retry = new StartOrchestrationOptions { InstanceId = id, IfExists = InstanceIdReusePolicy.ReturnExisting };
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Doubles", 99, retry);
        var final = await host.WaitAsync(id);
        Assert.Equal(42, final.ReadOutputAs<int>());
        Assert.Single(final.History!.OfType<ExecutionStarted>());

        // Once it has run, creating the id again sends nothing.
        backend.RequestCounter.Reset();
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Doubles", 99, retry);
        Assert.Equal(0, backend.RequestCounter.ByOperation.GetValueOrDefault("queue send"));
    }
}
