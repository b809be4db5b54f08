using Microsoft.Extensions.Time.Testing;
using ModelAlloy.Durable.History;
using ModelAlloy.Durable.Testing;
using ModelAlloy.Durable.Tests.InMemory;

namespace ModelAlloy.Durable.Tests.Timers;

/// <summary>
/// Long durable waits with time skipped by a fake clock (in-memory only: a remote backend's queue visibility runs
/// on the real clock). The engine and the backend read time only through the injected TimeProvider.
/// </summary>
public sealed class SkippedTimeTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private static async Task<DurableTestHost> StartAsync(FakeTimeProvider time, Action<DurableTaskRegistry> tasks)
    {
        var host = await DurableTestHost.CreateAsync(new InMemoryBackendFactory(), tasks, time: time);
        return await host.StartAsync();
    }

    [Fact]
    public async Task Hour_long_timer_fires_when_an_hour_is_skipped()
    {
        var time = new FakeTimeProvider(Start);
        await using var host = await StartAsync(time, r => r
            .AddOrchestrator<int, DateTime>("Sleeper", async (ctx, _) =>
            {
                await ctx.CreateTimer(TimeSpan.FromHours(1), CancellationToken.None);
                return ctx.CurrentUtcDateTime;
            }));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Sleeper", 0);
        await host.WaitUntilAsync(id, s => s.History!.OfType<TimerCreated>().Any(), "waiting on its timer");
        time.Advance(TimeSpan.FromHours(1));
        var result = await host.WaitAsync(id);

        Assert.Equal(Start.UtcDateTime.AddHours(1), result.ReadOutputAs<DateTime>());
    }

    [Fact]
    public async Task Retry_backoff_of_hours_completes_as_time_is_skipped()
    {
        var time = new FakeTimeProvider(Start);
        var calls = 0;
        await using var host = await StartAsync(time, r => r
            .AddActivity<int, int>("Flaky", x => Interlocked.Increment(ref calls) < 3 ? throw new InvalidOperationException("down") : x)
            .AddOrchestrator<int, int>("Retrying", (ctx, x) =>
                ctx.CallActivityAsync<int>("Flaky", x, TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromHours(1), backoffCoefficient: 2)))));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Retrying", 7);
        foreach (var (timers, wait) in new[] { (1, TimeSpan.FromHours(1)), (2, TimeSpan.FromHours(2)) })
        {
            await host.WaitUntilAsync(id, s => s.History!.OfType<TimerCreated>().Count() == timers, $"waiting on retry timer {timers}");
            time.Advance(wait);
        }

        var result = await host.WaitAsync(id);

        Assert.Equal(7, result.ReadOutputAs<int>());
        Assert.Equal(Start.UtcDateTime.AddHours(3), result.CompletedAt);
    }

    [Fact]
    public async Task Scheduled_start_a_day_ahead_runs_when_the_day_is_skipped()
    {
        var time = new FakeTimeProvider(Start);
        await using var host = await StartAsync(time, r => r.AddOrchestrator<int, int>("Later", (_, x) => Task.FromResult(x)));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Later", 5, new StartOrchestrationOptions { StartAt = Start.AddDays(1) });
        var pending = await host.Client.GetInstanceAsync(id);
        time.Advance(TimeSpan.FromDays(1));
        var result = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Pending, pending!.RuntimeStatus);
        Assert.Equal(5, result.ReadOutputAs<int>());
        Assert.Equal(Start.UtcDateTime.AddDays(1), result.CompletedAt);
    }
}
