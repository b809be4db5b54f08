using ModelAlloy.Durable.Testing.Backends;

namespace ModelAlloy.Durable.Testing.Conformance;

/// <summary>
/// At-least-once delivery: every message sent twice (starts, client messages, activity requests and results,
/// timers, child starts and results) leaves exactly the history of a run without duplicates.
/// </summary>
public abstract class DuplicateDeliveryConformance(IBackendFactory factory) : ConformanceTest(factory)
{
    private static DurableTaskRegistry Workflow(DurableTaskRegistry r) => r
        .AddActivity<int, int>("AddOne", x => x + 1)
        .AddOrchestrator<int, int>("Child", (ctx, x) => ctx.CallActivityAsync<int>("AddOne", x))
        .AddOrchestrator<int, int>("Workflow", async (ctx, x) =>
        {
            x = await ctx.CallActivityAsync<int>("AddOne", x);
            await ctx.CreateTimer(TimeSpan.FromMilliseconds(20), CancellationToken.None);
            x = await ctx.CallSubOrchestratorAsync<int>("Child", x, new SubOrchestrationOptions(instanceId: ctx.InstanceId + "-child"));
            ctx.SetCustomStatus("waiting");
            x += await ctx.WaitForExternalEvent<int>("bonus");
            return await ctx.CallActivityAsync<int>("AddOne", x);
        });

    private async Task<(IReadOnlyList<string> Parent, IReadOnlyList<string> Child, int Output)> RunAsync(DurableTestHost host)
    {
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Workflow", 1, new() { InstanceId = "workflow" });
        await host.WaitUntilAsync(id, s => s.ReadCustomStatusAs<string>() == "waiting", "waiting for the bonus");
        await host.Client.RaiseEventAsync(id, "bonus", 100);
        var result = await host.WaitAsync(id);
        var child = await host.Client.GetInstanceAsync(id + "-child", includeHistory: true);
        return (HistoryShape.Of(result.History!), HistoryShape.Of(child!.History!), result.ReadOutputAs<int>());
    }

    [Fact]
    public async Task Every_message_delivered_twice_leaves_the_same_history_as_once()
    {
        (IReadOnlyList<string> Parent, IReadOnlyList<string> Child, int Output) once, twice;
        await using (var host = await StartHostAsync(r => Workflow(r)))
        {
            once = await RunAsync(host);
        }

        DuplicatingBackend? duplicating = null;
        await using (var host = await StartHostAsync(r => Workflow(r), decorate: b => duplicating = new DuplicatingBackend(b)))
        {
            twice = await RunAsync(host);
        }

        Assert.True(duplicating!.Duplicates >= 8, $"Only {duplicating.Duplicates} messages were duplicated.");
        Assert.Equal(104, once.Output);
        Assert.Equal(once.Output, twice.Output);
        Assert.Equal(once.Parent, twice.Parent);
        Assert.Equal(once.Child, twice.Child);
    }
}
