using Microsoft.Extensions.DependencyInjection;
using ModelAlloy.Durable.Replay;
using ModelAlloy.Durable.Testing;
using ModelAlloy.Durable.Tests.InMemory;

namespace ModelAlloy.Durable.Tests.Replay;

/// <summary>The cache's purpose, measured: an episode of a cached instance costs its new events, not a replay.</summary>
public sealed class SessionCacheReplayTests
{
    private const int ChainLength = 30;

    private static async Task<DurableTestHost> StartAsync(Action<DurableTaskWorkerOptions>? worker = null)
    {
        var host = await DurableTestHost.CreateAsync(new InMemoryBackendFactory(), r => r
            .AddActivity<int, int>("AddOne", x => x + 1)
            .AddOrchestrator<int, int>("Chain", async (ctx, n) =>
            {
                var x = 0;
                for (var i = 0; i < n; i++)
                {
                    x = await ctx.CallActivityAsync<int>("AddOne", x);
                }

                return x;
            })
            .AddOrchestrator<int, string>("Waits", (ctx, _) => ctx.WaitForExternalEvent<string>("go")), worker: worker);
        return await host.StartAsync();
    }

    private static OrchestrationExecutor Executor(DurableTestHost host) => host.Services.GetRequiredService<OrchestrationExecutor>();

    [Fact]
    public async Task Episodes_of_a_cached_instance_replay_nothing()
    {
        await using var host = await StartAsync();

        var result = await host.RunAsync("Chain", ChainLength);

        Assert.Equal(ChainLength, result.ReadOutputAs<int>());
        Assert.Equal(0, Executor(host).Replays);
    }

    [Fact]
    public async Task Without_the_cache_every_episode_replays_the_whole_history()
    {
        await using var host = await StartAsync(o => o.OrchestrationCacheSize = 0);

        var result = await host.RunAsync("Chain", ChainLength);

        Assert.Equal(ChainLength, result.ReadOutputAs<int>());
        Assert.Equal(ChainLength, Executor(host).Replays);
        Assert.True(Executor(host).ReplayedEvents > ChainLength * ChainLength, $"Only {Executor(host).ReplayedEvents} events were replayed.");
    }

    [Fact]
    public async Task Instance_evicted_from_a_full_cache_is_rebuilt_by_one_replay()
    {
        await using var host = await StartAsync(o => o.OrchestrationCacheSize = 1);
        var first = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", 0);
        await host.WaitUntilAsync(first, s => s.RuntimeStatus == OrchestrationRuntimeStatus.Running);
        var second = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", 0);
        await host.WaitUntilAsync(second, s => s.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        await host.Client.RaiseEventAsync(first, "go", "done");
        var result = await host.WaitAsync(first);

        Assert.Equal("done", result.ReadOutputAs<string>());
        Assert.Equal(1, Executor(host).Replays);
    }
}
