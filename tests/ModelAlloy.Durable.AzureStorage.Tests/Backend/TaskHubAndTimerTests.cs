using ModelAlloy.Durable.Backend;
using ModelAlloy.Durable.History;
using ModelAlloy.Testing.Azurite;

namespace ModelAlloy.Durable.AzureStorage.Tests.Backend;

[Collection(AzuriteCollection.Name)]
public sealed class TaskHubAndTimerTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Timer_longer_than_one_message_delay_is_chained_and_fires_on_time()
    {
        // MaxMessageDelay stands in for the service's 7-day visibility limit.
        var (host, _) = await AzureHost.StartAsync(azurite, r => r
            .AddOrchestrator<int, DateTime>("Sleeper", async (ctx, seconds) =>
            {
                await ctx.CreateTimer(TimeSpan.FromSeconds(seconds), CancellationToken.None);
                return ctx.CurrentUtcDateTime;
            }),
            o =>
            {
                o.MaxMessageDelay = TimeSpan.FromSeconds(1);
                o.ControlMessageVisibility = TimeSpan.FromSeconds(2); // so an early hop is re-sent, not held
            });
        await using var _ = host;
        var hops = 0;
        host.Faults.Arm((point, _) =>
        {
            if (point == "timer.chain")
            {
                Interlocked.Increment(ref hops);
            }

            return false;
        });

        var result = await host.RunAsync("Sleeper", 4);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        var fired = Assert.Single(result.History!.OfType<TimerFired>());
        var created = Assert.Single(result.History!.OfType<TimerCreated>());
        Assert.True(result.ReadOutputAs<DateTime>() >= created.FireAt, "The timer fired before its due time.");
        Assert.Equal(created.FireAt, fired.FireAt);
        Assert.True(hops >= 1, "The 4 s timer was never chained although one message may wait only 1 s.");
    }

    [Fact]
    public async Task Task_hubs_in_one_account_never_see_each_others_instances()
    {
        Action<DurableTaskRegistry> echo = r => r.AddOrchestrator<int, int>("Echo", (_, x) => Task.FromResult(x));
        var (first, _) = await AzureHost.StartAsync(azurite, echo);
        await using var a = first;
        var (second, _) = await AzureHost.StartAsync(azurite, echo);
        await using var b = second;

        var result = await first.RunAsync("Echo", 7);

        Assert.Null(await second.Client.GetInstanceAsync(result.InstanceId));
        Assert.Empty((await second.Client.QueryInstancesAsync(new InstanceQuery())).Instances);
        Assert.Single((await first.Client.QueryInstancesAsync(new InstanceQuery())).Instances);
    }

    [Fact]
    public async Task Status_from_an_older_checkpoint_never_overwrites_a_newer_one()
    {
        var options = AzuriteBackendFactory.TestOptions(azurite.ConnectionString, AzuriteBackendFactory.NewHubName());
        await using var backend = new AzureStorageOrchestrationBackend(options);
        await backend.CreateIfNotExistsAsync();
        var store = new InstanceStore(backend.Storage.Instances, new PayloadStore(backend.Storage.Payloads, 30_000, new()), new(), TimeProvider.System);
        var started = new ExecutionStarted("Any", "1", null, "exec");
        await store.TryInsertAsync("id1", started, CancellationToken.None);
        var now = DateTime.UtcNow;

        var completed = await store.UpdateStatusAsync("id1", "exec", 5, new InstanceStatusUpdate(OrchestrationRuntimeStatus.Completed, "42", null, null, now, now), null, CancellationToken.None);
        var stale = await store.UpdateStatusAsync("id1", "exec", 4, new InstanceStatusUpdate(OrchestrationRuntimeStatus.Running, null, null, null, now, null), null, CancellationToken.None);

        Assert.NotNull(completed);
        Assert.Null(stale);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await store.GetAsync("id1", true, CancellationToken.None))!.RuntimeStatus);
        await backend.DeleteTaskHubAsync();
    }
}
