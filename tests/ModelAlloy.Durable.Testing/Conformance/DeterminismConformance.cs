using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ModelAlloy.Durable.Testing.Conformance;

/// <summary>
/// What orchestrator code reads through the context is the same on every replay: time, GUIDs, the replay flag,
/// and a logger that writes each line once. The session cache is off so every episode really replays.
/// </summary>
public abstract class DeterminismConformance(IBackendFactory factory) : ConformanceTest(factory)
{
    private static void NoCache(DurableTaskWorkerOptions options) => options.OrchestrationCacheSize = 0;

    [Fact]
    public async Task CurrentUtcDateTime_is_the_same_on_replay()
    {
        await using var host = await StartHostAsync(r => r
            .AddActivity<DateTime, DateTime>("Echo", t => t)
            .AddOrchestrator<int, bool>("Clock", async (ctx, _) =>
            {
                var recorded = ctx.CurrentUtcDateTime;
                var echoed = await ctx.CallActivityAsync<DateTime>("Echo", recorded);
                return echoed == recorded;
            }), NoCache);

        var result = await host.RunAsync("Clock", 0);

        Assert.True(result.ReadOutputAs<bool>(), "CurrentUtcDateTime changed between the first run and the replay.");
    }

    [Fact]
    public async Task CurrentUtcDateTime_does_not_move_within_an_episode()
    {
        await using var host = await StartHostAsync(r => r
            .AddOrchestrator<int, bool>("Clock", (ctx, _) =>
            {
                var first = ctx.CurrentUtcDateTime;
                SpinWait.SpinUntil(() => DateTime.UtcNow > first.AddMilliseconds(20), 100);
                return Task.FromResult(ctx.CurrentUtcDateTime == first);
            }));

        var result = await host.RunAsync("Clock", 0);

        Assert.True(result.ReadOutputAs<bool>());
    }

    [Fact]
    public async Task NewGuid_returns_the_same_value_on_replay()
    {
        await using var host = await StartHostAsync(r => r
            .AddActivity<Guid, Guid>("Echo", g => g)
            .AddOrchestrator<int, bool>("Guids", async (ctx, _) =>
            {
                var recorded = ctx.NewGuid();
                var echoed = await ctx.CallActivityAsync<Guid>("Echo", recorded);
                return echoed == recorded;
            }), NoCache);

        var result = await host.RunAsync("Guids", 0);

        Assert.True(result.ReadOutputAs<bool>(), "NewGuid returned a different value on replay.");
    }

    [Fact]
    public async Task NewGuid_values_differ_within_an_instance_and_between_instances()
    {
        await using var host = await StartHostAsync(r => r
            .AddOrchestrator<int, Guid[]>("Guids", (ctx, n) => Task.FromResult(Enumerable.Range(0, n).Select(_ => ctx.NewGuid()).ToArray())));

        var first = (await host.RunAsync("Guids", 3)).ReadOutputAs<Guid[]>()!;
        var second = (await host.RunAsync("Guids", 3)).ReadOutputAs<Guid[]>()!;

        Assert.Equal(6, first.Concat(second).Distinct().Count());
    }

    [Fact]
    public async Task IsReplaying_is_true_only_while_re_executing_recorded_steps()
    {
        await using var host = await StartHostAsync(r => r
            .AddActivity<int, int>("AddOne", x => x + 1)
            .AddOrchestrator<int, bool[]>("Flags", async (ctx, x) =>
            {
                var flags = new List<bool> { ctx.IsReplaying };
                x = await ctx.CallActivityAsync<int>("AddOne", x);
                flags.Add(ctx.IsReplaying);
                await ctx.CallActivityAsync<int>("AddOne", x);
                flags.Add(ctx.IsReplaying);
                return [.. flags];
            }), NoCache);

        var result = await host.RunAsync("Flags", 0);

        // The last episode replays the start and the first result, then runs the new second result live.
        Assert.Equal([true, true, false], result.ReadOutputAs<bool[]>()!);
    }

    [Fact]
    public async Task Replay_safe_logger_writes_each_line_once()
    {
        var logs = new CollectingLoggerProvider("Pipeline");
        await using var host = await StartHostAsync(r => r
            .AddActivity<int, int>("AddOne", x => x + 1)
            .AddOrchestrator<int, int>("Logged", async (ctx, x) =>
            {
                var logger = ctx.CreateReplaySafeLogger("Pipeline");
                for (var step = 0; step < 3; step++)
                {
                    logger.LogWarning("step {Step} of {Instance}", step, ctx.InstanceId);
                    x = await ctx.CallActivityAsync<int>("AddOne", x);
                }

                logger.LogWarning("done with {Result}", x);
                return x;
            }), NoCache, configureServices: s => s.AddSingleton<ILoggerProvider>(logs));

        var result = await host.RunAsync("Logged", 0);

        var id = result.InstanceId;
        Assert.Equal([$"step 0 of {id}", $"step 1 of {id}", $"step 2 of {id}", "done with 3"], logs.Lines);
    }
}
