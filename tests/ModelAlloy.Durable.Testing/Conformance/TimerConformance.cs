using ModelAlloy.Durable.History;

namespace ModelAlloy.Durable.Testing.Conformance;

/// <summary>Durable timers: when they fire, and cancelling them. Real timers of under a second, so any backend can run them.</summary>
public abstract class TimerConformance(IBackendFactory factory) : ConformanceTest(factory)
{
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task Timer_fires_at_its_durable_due_time()
    {
        await using var host = await StartHostAsync(r => r
            .AddOrchestrator<int, DateTime[]>("Sleeper", async (ctx, _) =>
            {
                var before = ctx.CurrentUtcDateTime;
                await ctx.CreateTimer(Delay, CancellationToken.None);
                return [before, ctx.CurrentUtcDateTime];
            }));

        var result = await host.RunAsync("Sleeper", 0);

        var times = result.ReadOutputAs<DateTime[]>()!;
        var created = Assert.Single(result.History!.OfType<TimerCreated>());
        Assert.Equal(times[0] + Delay, created.FireAt);
        Assert.True(times[1] >= created.FireAt, $"The episode after the timer ran at {times[1]:O}, before the due time {created.FireAt:O}.");
        Assert.Equal(created.TaskId, Assert.Single(result.History!.OfType<TimerFired>()).TimerId);
    }

    [Fact]
    public async Task Timers_awaited_together_all_fire()
    {
        await using var host = await StartHostAsync(r => r
            .AddOrchestrator<int, int>("ManyTimers", async (ctx, n) =>
            {
                var timers = Enumerable.Range(1, n).Select(i => ctx.CreateTimer(TimeSpan.FromMilliseconds(50 * i), CancellationToken.None));
                await Task.WhenAll(timers);
                return n;
            }));

        var result = await host.RunAsync("ManyTimers", 5);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(5, result.History!.OfType<TimerFired>().Select(e => e.TimerId).Distinct().Count());
    }

    [Fact]
    public async Task Cancelled_timer_becomes_cancelled_and_does_not_hold_the_orchestration()
    {
        await using var host = await StartHostAsync(r => r
            .AddOrchestrator<int, string>("RaceTimer", async (ctx, _) =>
            {
                using var cancel = new CancellationTokenSource();
                var timer = ctx.CreateTimer(TimeSpan.FromHours(1), cancel.Token);
                var approval = ctx.WaitForExternalEvent<string>("approval");
                await Task.WhenAny(timer, approval);
                cancel.Cancel();
                try
                {
                    await timer;
                    return "timer fired";
                }
                catch (TaskCanceledException)
                {
                    return $"cancelled after {await approval}";
                }
            }));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("RaceTimer", 0);
        await host.WaitUntilAsync(id, s => s.History!.OfType<TimerCreated>().Any(), "waiting on its timer");
        await host.Client.RaiseEventAsync(id, "approval", "yes");
        var result = await host.WaitAsync(id);

        Assert.Equal("cancelled after yes", result.ReadOutputAs<string>());
        Assert.Empty(result.History!.OfType<TimerFired>());
    }

    [Fact]
    public async Task Timer_due_in_the_past_fires_at_once()
    {
        await using var host = await StartHostAsync(r => r
            .AddOrchestrator<int, string>("PastTimer", async (ctx, _) =>
            {
                await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddMinutes(-5), CancellationToken.None);
                return "fired";
            }));

        var result = await host.RunAsync("PastTimer", 0);

        Assert.Equal("fired", result.ReadOutputAs<string>());
    }
}
