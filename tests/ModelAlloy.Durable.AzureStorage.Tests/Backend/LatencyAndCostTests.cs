using System.Diagnostics;
using ModelAlloy.Testing.Azurite;
using Xunit.Abstractions;

namespace ModelAlloy.Durable.AzureStorage.Tests.Backend;

[Collection(AzuriteCollection.Name)]
public sealed class LatencyAndCostTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task After_idling_a_new_orchestration_starts_its_first_activity_within_a_second()
    {
        var ran = new TaskCompletionSource<DateTime>(TaskCreationOptions.RunContinuationsAsynchronously);
        string? hub = null;
        // Production polling settings, not the fast test ones.
        var (host, _) = await AzureHost.StartAsync(azurite, r => r
            .AddActivity<int, int>("First", x => { ran.TrySetResult(DateTime.UtcNow); return x; })
            .AddOrchestrator<int, int>("Starts", (ctx, x) => ctx.CallActivityAsync<int>("First", x)),
            o => { o.MaxPollingInterval = new AzureStorageBackendOptions().MaxPollingInterval; hub = o.TaskHubName; });
        await using var _ = host;

        // The back-off reaches its cap (MaxPollingInterval) after about a second of idleness and stays there, so
        // any longer idle period (60 s in the issue) leaves the poller in exactly this state.
        await Task.Delay(TimeSpan.FromSeconds(6));

        // Start from another backend instance (another process, in effect): no in-process wake-up helps.
        var options = AzuriteBackendFactory.TestOptions(azurite.ConnectionString, hub!);
        await using var client = new AzureStorageOrchestrationBackend(options);
        var started = DateTime.UtcNow;
        await new DurableTaskClientFactory(client).Client.ScheduleNewOrchestrationInstanceAsync("Starts", 1);
        var first = await ran.Task.WaitAsync(TimeSpan.FromSeconds(30));

        output.WriteLine($"first activity ran {(first - started).TotalMilliseconds:F0} ms after the start");
        Assert.True(first - started < TimeSpan.FromSeconds(1), $"The first activity ran {(first - started).TotalMilliseconds:F0} ms after the start.");
    }

    [Fact]
    public async Task Chain_and_fan_out_stay_within_a_storage_request_budget_per_activity()
    {
        var (host, backend) = await AzureHost.StartAsync(azurite, r => ChainWorkload.Register(r));
        await using var _ = host;
        await host.RunAsync("Chain", 1); // leases, resources, JIT

        var counter = backend.RequestCounter;
        counter.Reset();
        var clock = Stopwatch.StartNew();
        Assert.Equal(20, (await host.RunAsync("Chain", 20)).ReadOutputAs<int>());
        var chain = (counter.Total - counter.ClientStatusReads) / 20.0;
        output.WriteLine($"chain 20: {clock.ElapsedMilliseconds} ms, {chain:F2} requests/activity (excluding the test's status polls)");

        counter.Reset();
        clock.Restart();
        Assert.Equal(Enumerable.Range(1, 200).Sum(), (await host.RunAsync("FanOut", 200)).ReadOutputAs<int>());
        var fan = (counter.Total - counter.ClientStatusReads) / 200.0;
        output.WriteLine($"fan-out 200: {clock.ElapsedMilliseconds} ms, {fan:F2} requests/activity");

        Assert.InRange(chain, 1, 9);
        Assert.InRange(fan, 0.05, 2);
    }
}
