using ModelAlloy.Durable.History;

namespace ModelAlloy.Durable.Testing.Conformance;

/// <summary>Activities: results, chains, fan-out/fan-in and failures.</summary>
public abstract class ActivityConformance(IBackendFactory factory) : ConformanceTest(factory)
{
    [Fact]
    public async Task Chain_of_activities_returns_the_composed_result()
    {
        await using var host = await StartHostAsync(r => r
            .AddActivity<int, int>("AddOne", x => x + 1)
            .AddOrchestrator<int, int>("Chain", async (ctx, x) =>
            {
                for (var i = 0; i < 5; i++)
                {
                    x = await ctx.CallActivityAsync<int>("AddOne", x);
                }

                return x;
            }));

        var result = await host.RunAsync("Chain", 10);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(15, result.ReadOutputAs<int>());
    }

    [Fact]
    public async Task Fan_out_fan_in_sums_every_result()
    {
        await using var host = await StartHostAsync(r => r
            .AddActivity<int, int>("AddOne", x => x + 1)
            .AddOrchestrator<int, int>("FanOut", async (ctx, n) =>
            {
                var tasks = Enumerable.Range(0, n).Select(i => ctx.CallActivityAsync<int>("AddOne", i)).ToArray();
                return (await Task.WhenAll(tasks)).Sum();
            }));

        var result = await host.RunAsync("FanOut", 100);

        Assert.Equal(Enumerable.Range(1, 100).Sum(), result.ReadOutputAs<int>());
    }

    [Fact]
    public async Task Activity_failure_reaches_the_client_with_type_message_and_stack()
    {
        await using var host = await StartHostAsync(r => r
            .AddActivity<string, string>("Boom", s => throw new InvalidOperationException($"bad input {s}"))
            .AddOrchestrator<string, string>("CallsBoom", (ctx, s) => ctx.CallActivityAsync<string>("Boom", s)));

        var result = await host.RunAsync("CallsBoom", "x1");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        var failure = Assert.IsType<TaskFailureDetails>(result.FailureDetails);
        Assert.Equal(typeof(TaskFailedException).FullName, failure.ErrorType);
        Assert.Contains("Task 'Boom' (#0) failed", failure.ErrorMessage);
        var cause = Assert.IsType<TaskFailureDetails>(failure.InnerFailure);
        Assert.Equal(typeof(InvalidOperationException).FullName, cause.ErrorType);
        Assert.Equal("bad input x1", cause.ErrorMessage);
        Assert.Contains(nameof(Activity_failure_reaches_the_client_with_type_message_and_stack), cause.StackTrace);
    }

    [Fact]
    public async Task Orchestrator_can_catch_an_activity_failure_and_see_its_details()
    {
        await using var host = await StartHostAsync(r => r
            .AddActivity<int, int>("Fails", _ => throw new ArgumentException("nope"))
            .AddOrchestrator<int, string>("Catches", async (ctx, _) =>
            {
                try
                {
                    await ctx.CallActivityAsync<int>("Fails", 1);
                    return "no failure";
                }
                catch (TaskFailedException ex)
                {
                    return $"{ex.FailureDetails.ErrorType}:{ex.FailureDetails.ErrorMessage}:{ex.TaskName}";
                }
            }));

        var result = await host.RunAsync("Catches", 0);

        Assert.Equal("System.ArgumentException:nope:Fails", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Completed_history_records_each_activity_once_in_order()
    {
        await using var host = await StartHostAsync(r => r
            .AddActivity<int, int>("AddOne", x => x + 1)
            .AddOrchestrator<int, int>("Two", async (ctx, x) => await ctx.CallActivityAsync<int>("AddOne", await ctx.CallActivityAsync<int>("AddOne", x))));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Two", 1);
        await host.WaitAsync(id);
        var state = await host.Client.GetInstanceAsync(id, includeHistory: true);

        var history = state!.History!;
        Assert.IsType<ExecutionStarted>(history.First(e => e is not OrchestratorStarted));
        Assert.Equal([0, 1], history.OfType<TaskScheduled>().Select(e => e.TaskId));
        Assert.Equal(["2", "3"], history.OfType<TaskCompleted>().Select(e => e.Result));
        Assert.IsType<ExecutionCompleted>(history[^1]);
        Assert.Equal(Enumerable.Range(0, history.Count), history.Select(e => e.EventId));
    }
}
