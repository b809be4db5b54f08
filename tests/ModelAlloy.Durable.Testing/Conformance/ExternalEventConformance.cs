using ModelAlloy.Durable.History;

namespace ModelAlloy.Durable.Testing.Conformance;

/// <summary>WaitForExternalEvent: event against timeout, buffering, ordering and name matching.</summary>
public abstract class ExternalEventConformance(IBackendFactory factory) : ConformanceTest(factory)
{
    [Fact]
    public async Task Event_arriving_before_the_timeout_wins()
    {
        await using var host = await StartHostAsync(r => r
            .AddOrchestrator<int, string>("Approval", (ctx, _) => ctx.WaitForExternalEvent<string>("approval", TimeSpan.FromSeconds(30))));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Approval", 0);
        await host.WaitUntilAsync(id, s => s.History!.OfType<TimerCreated>().Any(), "waiting with a timeout");
        await host.Client.RaiseEventAsync(id, "approval", "granted");
        var result = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("granted", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Timeout_expiring_first_throws_TimeoutException_naming_the_event()
    {
        await using var host = await StartHostAsync(r => r
            .AddOrchestrator<int, string>("Approval", (ctx, _) => ctx.WaitForExternalEvent<string>("approval", TimeSpan.FromMilliseconds(200))));

        var result = await host.RunAsync("Approval", 0);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal(typeof(TimeoutException).FullName, result.FailureDetails!.ErrorType);
        Assert.Contains("'approval'", result.FailureDetails.ErrorMessage);
    }

    [Fact]
    public async Task Event_arriving_after_a_timeout_is_kept_for_the_next_wait()
    {
        await using var host = await StartHostAsync(r => r
            .AddOrchestrator<int, string>("Retries", async (ctx, _) =>
            {
                try
                {
                    return await ctx.WaitForExternalEvent<string>("approval", TimeSpan.FromMilliseconds(100));
                }
                catch (TimeoutException)
                {
                    ctx.SetCustomStatus("timed out");
                    return "late " + await ctx.WaitForExternalEvent<string>("approval");
                }
            }));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Retries", 0);
        await host.WaitUntilAsync(id, s => s.ReadCustomStatusAs<string>() == "timed out", "timed out");
        await host.Client.RaiseEventAsync(id, "approval", "granted");
        var result = await host.WaitAsync(id);

        Assert.Equal("late granted", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Events_raised_before_anyone_waits_are_buffered_first_in_first_out()
    {
        await using var host = await StartHostAsync(r => r
            .AddOrchestrator<int, int[]>("Collector", async (ctx, n) =>
            {
                await ctx.WaitForExternalEvent<string>("go");
                var items = new List<int>();
                for (var i = 0; i < n; i++)
                {
                    items.Add(await ctx.WaitForExternalEvent<int>("item"));
                }

                return [.. items];
            }));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Collector", 3);
        foreach (var item in new[] { 1, 2, 3 })
        {
            await host.Client.RaiseEventAsync(id, "item", item);
        }

        var buffered = await host.WaitUntilAsync(id, s => s.History!.OfType<EventRaised>().Count(e => e.Name == "item") == 3, "holding three events");
        await host.Client.RaiseEventAsync(id, "go");
        var result = await host.WaitAsync(id);

        var arrivalOrder = buffered.History!.OfType<EventRaised>().Where(e => e.Name == "item").Select(e => int.Parse(e.Input!));
        Assert.Equal(arrivalOrder, result.ReadOutputAs<int[]>());
    }

    [Fact]
    public async Task Event_names_match_case_insensitively()
    {
        await using var host = await StartHostAsync(r => r
            .AddOrchestrator<int, string>("Approval", (ctx, _) => ctx.WaitForExternalEvent<string>("approval")));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Approval", 0);
        await host.Client.RaiseEventAsync(id, "APPROVAL", "granted");
        var result = await host.WaitAsync(id);

        Assert.Equal("granted", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Waiting_on_two_names_receives_each_event_by_its_name()
    {
        await using var host = await StartHostAsync(r => r
            .AddOrchestrator<int, string>("TwoEvents", async (ctx, _) =>
            {
                var first = ctx.WaitForExternalEvent<string>("first");
                var second = ctx.WaitForExternalEvent<string>("second");
                return $"{await first}+{await second}";
            }));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("TwoEvents", 0);
        await host.Client.RaiseEventAsync(id, "second", "b");
        await host.Client.RaiseEventAsync(id, "first", "a");
        var result = await host.WaitAsync(id);

        Assert.Equal("a+b", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Cancelled_wait_throws_and_a_later_event_is_kept_for_the_next_wait()
    {
        await using var host = await StartHostAsync(r => r
            .AddOrchestrator<int, string>("Cancels", async (ctx, _) =>
            {
                using var cancel = new CancellationTokenSource();
                var wait = ctx.WaitForExternalEvent<string>("approval", cancel.Token);
                cancel.Cancel();
                try
                {
                    return await wait;
                }
                catch (OperationCanceledException)
                {
                    ctx.SetCustomStatus("cancelled");
                    return "late " + await ctx.WaitForExternalEvent<string>("approval");
                }
            }));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Cancels", 0);
        await host.WaitUntilAsync(id, s => s.SerializedCustomStatus is not null, "cancelled its first wait");
        await host.Client.RaiseEventAsync(id, "approval", "granted");
        var result = await host.WaitAsync(id);

        Assert.Equal("late granted", result.ReadOutputAs<string>());
    }
}
