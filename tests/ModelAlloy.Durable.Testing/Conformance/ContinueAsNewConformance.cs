using ModelAlloy.Durable.History;

namespace ModelAlloy.Durable.Testing.Conformance;

/// <summary>ContinueAsNew: a fresh history with the new input, eternal loops, and what happens to waiting events.</summary>
public abstract class ContinueAsNewConformance(IBackendFactory factory) : ConformanceTest(factory)
{
    private static readonly int[] Items = [1, 2, 3, 4];

    /// <summary>Takes one item per execution and continues until all are summed; the sum does not depend on arrival order.</summary>
    private static async Task<int> SumItemsOneExecutionEach(TaskOrchestrationContext ctx, Tally tally)
    {
        var total = tally.Total + await ctx.WaitForExternalEvent<int>("item");
        if (tally.Remaining > 1)
        {
            ctx.ContinueAsNew(new Tally(tally.Remaining - 1, total));
        }

        return total;
    }

    [Fact]
    public async Task ContinueAsNew_restarts_with_the_new_input_and_only_the_last_execution_in_history()
    {
        await using var host = await StartHostAsync(r => r
            .AddActivity<int, int>("AddOne", x => x + 1)
            .AddOrchestrator<int, int>("Counter", async (ctx, n) =>
            {
                n = await ctx.CallActivityAsync<int>("AddOne", n);
                if (n < 3)
                {
                    ctx.ContinueAsNew(n);
                }

                return n;
            }));

        var result = await host.RunAsync("Counter", 0);

        Assert.Equal(3, result.ReadOutputAs<int>());
        Assert.Equal(2, result.ReadInputAs<int>());
        var started = Assert.Single(result.History!.OfType<ExecutionStarted>());
        Assert.Equal("2", started.Input);
        Assert.Equal(started.ExecutionId, result.ExecutionId);
        Assert.Single(result.History!.OfType<TaskScheduled>());
        Assert.Equal(Enumerable.Range(0, result.History!.Count), result.History!.Select(e => e.EventId));
    }

    [Fact]
    public async Task Eternal_loop_runs_the_requested_number_of_iterations()
    {
        var iterations = Math.Max(3, Scaled(20));
        await using var host = await StartHostAsync(r => r
            .AddActivity<int, int>("AddOne", x => x + 1)
            .AddOrchestrator<int, int>("Eternal", async (ctx, n) =>
            {
                n = await ctx.CallActivityAsync<int>("AddOne", n);
                if (n < iterations)
                {
                    ctx.ContinueAsNew(n);
                }

                return n;
            }));

        var result = await host.RunAsync("Eternal", 0);

        Assert.Equal(iterations, result.ReadOutputAs<int>());
        Assert.Single(result.History!.OfType<TaskScheduled>());
    }

    [Fact]
    public async Task Events_not_consumed_are_carried_into_the_next_execution()
    {
        await using var host = await StartHostAsync(r => r
            .AddOrchestrator<Tally, int>("Summer", SumItemsOneExecutionEach));

        // The events reach the instance while its start is still scheduled, so they are all buffered before it runs.
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Summer", new Tally(Items.Length, 0), new StartOrchestrationOptions { StartAt = DateTimeOffset.UtcNow.AddSeconds(1) });
        foreach (var item in Items)
        {
            await host.Client.RaiseEventAsync(id, "item", item);
        }

        await host.WaitUntilAsync(id, s => s.History!.OfType<EventRaised>().Count() == Items.Length || s.RuntimeStatus != OrchestrationRuntimeStatus.Pending, "holding the events");
        var result = await host.WaitAsync(id);

        Assert.Equal(10, result.ReadOutputAs<int>());
    }

    [Fact]
    public async Task Events_raised_in_the_same_batch_as_a_continuation_reach_the_next_execution()
    {
        await using var host = await CreateHostAsync(r => r
            .AddOrchestrator<Tally, int>("Summer", SumItemsOneExecutionEach));

        // Everything is queued before the worker starts, so a backend that batches hands it over in one episode.
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Summer", new Tally(Items.Length, 0));
        foreach (var item in Items)
        {
            await host.Client.RaiseEventAsync(id, "item", item);
        }

        await host.StartAsync();
        var result = await host.WaitAsync(id);

        Assert.Equal(10, result.ReadOutputAs<int>());
    }

    [Fact]
    public async Task ContinueAsNew_without_preserving_drops_unconsumed_events()
    {
        await using var host = await StartHostAsync(r => r
            .AddOrchestrator<int, string>("Forgetful", async (ctx, round) =>
            {
                if (round == 0)
                {
                    await ctx.WaitForExternalEvent<string>("go");
                    ctx.ContinueAsNew(1, preserveUnprocessedEvents: false);
                    return "";
                }

                try
                {
                    return await ctx.WaitForExternalEvent<string>("extra", TimeSpan.FromMilliseconds(200));
                }
                catch (TimeoutException)
                {
                    return "dropped";
                }
            }));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Forgetful", 0);
        await host.Client.RaiseEventAsync(id, "extra", "kept");
        await host.WaitUntilAsync(id, s => s.History!.OfType<EventRaised>().Any(), "holding the extra event");
        await host.Client.RaiseEventAsync(id, "go");
        var result = await host.WaitAsync(id);

        Assert.Equal("dropped", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task ContinueAsNew_loop_that_never_awaits_fails_instead_of_spinning()
    {
        await using var host = await StartHostAsync(r => r
            .AddOrchestrator<int, int>("Spinner", (ctx, n) =>
            {
                ctx.ContinueAsNew(n + 1);
                return Task.FromResult(n);
            }));

        var result = await host.RunAsync("Spinner", 0);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Contains("ContinueAsNew", result.FailureDetails!.ErrorMessage);
    }

    public sealed record Tally(int Remaining, int Total);
}
