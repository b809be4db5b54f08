using ModelAlloy.Durable.History;
using ModelAlloy.Durable.Testing.Backends;

namespace ModelAlloy.Durable.Testing.Conformance;

/// <summary>
/// Messages arriving in another order than they were sent still reach the right tasks, including a result that
/// overtakes the checkpoint recording its task (outbound messages are written before history).
/// </summary>
public abstract class OutOfOrderConformance(IBackendFactory factory) : ConformanceTest(factory)
{
    [Fact]
    public async Task Activity_results_arriving_in_reverse_order_reach_their_own_tasks()
    {
        const int width = 10;
        await using var host = await StartHostAsync(r => r
            .AddActivity<int, int>("Times10", x => x * 10)
            .AddOrchestrator<int, int[]>("FanOut", async (ctx, n) => await Task.WhenAll(Enumerable.Range(0, n).Select(i => ctx.CallActivityAsync<int>("Times10", i)))),
            decorate: b => new ReorderingBackend(b, width));

        var result = await host.RunAsync("FanOut", width);

        Assert.Equal(Enumerable.Range(0, width).Select(i => i * 10), result.ReadOutputAs<int[]>());
        var arrival = result.History!.OfType<TaskCompleted>().Select(e => e.TaskScheduledId).ToArray();
        Assert.NotEqual(arrival.Order(), arrival);
    }

    [Fact]
    public async Task Results_of_sequential_and_parallel_steps_arriving_out_of_order_give_the_same_history_shape()
    {
        var shapes = new List<IReadOnlyList<string>>();
        foreach (var reorder in new[] { false, true })
        {
            await using var host = await StartHostAsync(r => r
                .AddActivity<int, int>("Times10", x => x * 10)
                .AddOrchestrator<int, int>("Mixed", async (ctx, n) =>
                {
                    var fan = await Task.WhenAll(Enumerable.Range(0, n).Select(i => ctx.CallActivityAsync<int>("Times10", i)));
                    return await ctx.CallActivityAsync<int>("Times10", fan.Sum());
                }),
                decorate: reorder ? b => new ReorderingBackend(b, 4) : null);
            var result = await host.RunAsync("Mixed", 4);
            Assert.Equal(600, result.ReadOutputAs<int>());
            shapes.Add(result.History!.Where(e => e is TaskScheduled or TaskCompleted).Select(HistoryShape.Describe).Order().ToArray());
        }

        Assert.Equal(shapes[0], shapes[1]);
    }

    [Fact]
    public async Task Result_that_overtakes_the_checkpoint_recording_its_task_is_applied_once_later()
    {
        ResultOvertakingBackend? overtaking = null;
        await using var host = await CreateHostAsync(r => r
            .AddActivity<int, int>("AddOne", x => x + 1)
            .AddOrchestrator<int, int>("One", (ctx, x) => ctx.CallActivityAsync<int>("AddOne", x)),
            decorate: b => overtaking = new ResultOvertakingBackend(b));
        var failed = 0;
        host.Faults.Arm((point, _) => point == HistoryWritePoint && Interlocked.Exchange(ref failed, 1) == 0);

        await host.StartAsync();
        var result = await host.RunAsync("One", 41);

        Assert.Equal(42, result.ReadOutputAs<int>());
        Assert.True(overtaking!.DeferredMessages > 0, "No result arrived ahead of its checkpoint; the scenario did not happen.");
        Assert.Single(result.History!.OfType<TaskScheduled>());
        Assert.Single(result.History!.OfType<TaskCompleted>());
    }
}
