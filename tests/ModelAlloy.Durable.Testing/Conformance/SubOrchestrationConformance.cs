using ModelAlloy.Durable.History;

namespace ModelAlloy.Durable.Testing.Conformance;

/// <summary>Sub-orchestrations: results, failures, explicit ids, nesting and retries.</summary>
public abstract class SubOrchestrationConformance(IBackendFactory factory) : ConformanceTest(factory)
{
    private static DurableTaskRegistry Doubler(DurableTaskRegistry r) => r
        .AddActivity<int, int>("Double", x => x * 2)
        .AddOrchestrator<int, int>("Child", (ctx, x) => ctx.CallActivityAsync<int>("Double", x));

    [Fact]
    public async Task Sub_orchestration_returns_its_output_to_the_parent()
    {
        await using var host = await StartHostAsync(r => Doubler(r)
            .AddOrchestrator<int, int>("Parent", async (ctx, x) => await ctx.CallSubOrchestratorAsync<int>("Child", x) + 1));

        var result = await host.RunAsync("Parent", 20);

        Assert.Equal(41, result.ReadOutputAs<int>());
        Assert.Single(result.History!.OfType<SubOrchestrationCreated>());
        Assert.Single(result.History!.OfType<SubOrchestrationCompleted>());
    }

    [Fact]
    public async Task Sub_orchestration_failure_reaches_the_parent_as_SubOrchestrationFailedException_with_details()
    {
        await using var host = await StartHostAsync(r => r
            .AddActivity<int, int>("Explode", _ => throw new InvalidOperationException("child blew up"))
            .AddOrchestrator<int, int>("Child", (ctx, x) => ctx.CallActivityAsync<int>("Explode", x))
            .AddOrchestrator<int, string>("Parent", async (ctx, x) =>
            {
                try
                {
                    await ctx.CallSubOrchestratorAsync<int>("Child", x, new SubOrchestrationOptions(instanceId: ctx.InstanceId + "-child"));
                    return "no failure";
                }
                catch (SubOrchestrationFailedException ex)
                {
                    return $"{ex.TaskName}|{ex.ChildInstanceId}|{ex.FailureDetails.InnerFailure?.ErrorType}|{ex.FailureDetails.InnerFailure?.ErrorMessage}";
                }
            }));

        var result = await host.RunAsync("Parent", 1, new StartOrchestrationOptions { InstanceId = "parent-1" });

        Assert.Equal("Child|parent-1-child|System.InvalidOperationException|child blew up", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Unhandled_sub_orchestration_failure_fails_the_parent_with_the_child_failure_inside()
    {
        await using var host = await StartHostAsync(r => r
            .AddOrchestrator<int, int>("Child", (_, _) => throw new InvalidOperationException("child blew up"))
            .AddOrchestrator<int, int>("Parent", (ctx, x) => ctx.CallSubOrchestratorAsync<int>("Child", x)));

        var result = await host.RunAsync("Parent", 1);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal(typeof(SubOrchestrationFailedException).FullName, result.FailureDetails!.ErrorType);
        Assert.Equal("child blew up", result.FailureDetails.InnerFailure!.ErrorMessage);
    }

    [Fact]
    public async Task Sub_orchestration_runs_under_the_explicit_instance_id_with_its_parent_recorded()
    {
        await using var host = await StartHostAsync(r => Doubler(r)
            .AddOrchestrator<int, int>("Parent", (ctx, x) => ctx.CallSubOrchestratorAsync<int>("Child", x, new SubOrchestrationOptions(instanceId: "explicit-child"))));

        var parent = await host.RunAsync("Parent", 5, new StartOrchestrationOptions { InstanceId = "the-parent" });
        var child = await host.Client.GetInstanceAsync("explicit-child", getInputsAndOutputs: true);

        Assert.Equal(10, parent.ReadOutputAs<int>());
        Assert.NotNull(child);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, child.RuntimeStatus);
        Assert.Equal("the-parent", child.ParentInstanceId);
        Assert.Equal(5, child.ReadInputAs<int>());
    }

    [Fact]
    public async Task Sub_orchestrations_nest_three_levels()
    {
        await using var host = await StartHostAsync(r => Doubler(r)
            .AddOrchestrator<int, int>("Middle", async (ctx, x) => await ctx.CallSubOrchestratorAsync<int>("Child", x) + 1)
            .AddOrchestrator<int, int>("Top", async (ctx, x) => await ctx.CallSubOrchestratorAsync<int>("Middle", x) + 100));

        var result = await host.RunAsync("Top", 3, new StartOrchestrationOptions { InstanceId = "top" });
        var middle = Assert.Single((await host.Client.QueryInstancesAsync(new() { Name = "Middle" })).Instances);
        var child = Assert.Single((await host.Client.QueryInstancesAsync(new() { Name = "Child" })).Instances);

        Assert.Equal(107, result.ReadOutputAs<int>());
        Assert.Equal("top", middle.ParentInstanceId);
        Assert.Equal(middle.InstanceId, child.ParentInstanceId);
    }

    [Fact]
    public async Task Failed_sub_orchestration_is_retried_by_its_policy()
    {
        var calls = 0;
        await using var host = await StartHostAsync(r => r
            .AddActivity<int, int>("FailsOnce", x => Interlocked.Increment(ref calls) == 1 ? throw new InvalidOperationException("first call fails") : x)
            .AddOrchestrator<int, int>("Child", (ctx, x) => ctx.CallActivityAsync<int>("FailsOnce", x))
            .AddOrchestrator<int, int>("Parent", (ctx, x) => ctx.CallSubOrchestratorAsync<int>("Child", x,
                new SubOrchestrationOptions(new RetryPolicy(3, TimeSpan.FromMilliseconds(20))))));

        var result = await host.RunAsync("Parent", 9);

        Assert.Equal(9, result.ReadOutputAs<int>());
        Assert.Equal(2, result.History!.OfType<SubOrchestrationCreated>().Count());
        Assert.Single(result.History!.OfType<SubOrchestrationFailed>());
    }

    [Fact]
    public async Task Retried_sub_orchestration_with_an_explicit_id_reuses_that_id()
    {
        var calls = 0;
        await using var host = await StartHostAsync(r => r
            .AddActivity<int, int>("FailsOnce", x => Interlocked.Increment(ref calls) == 1 ? throw new InvalidOperationException("first call fails") : x)
            .AddOrchestrator<int, int>("Child", (ctx, x) => ctx.CallActivityAsync<int>("FailsOnce", x))
            .AddOrchestrator<int, int>("Parent", (ctx, x) => ctx.CallSubOrchestratorAsync<int>("Child", x,
                new SubOrchestrationOptions(new RetryPolicy(3, TimeSpan.FromMilliseconds(20)), instanceId: "retried-child"))));

        var result = await host.RunAsync("Parent", 4);
        var child = await host.Client.GetInstanceAsync("retried-child");

        Assert.Equal(4, result.ReadOutputAs<int>());
        Assert.Equal(OrchestrationRuntimeStatus.Completed, child!.RuntimeStatus);
    }

    [Fact]
    public async Task Sub_orchestration_id_already_used_by_a_running_instance_fails_the_parent_task_naming_the_id()
    {
        await using var host = await StartHostAsync(r => Doubler(r)
            .AddOrchestrator<int, string>("Waits", (ctx, _) => ctx.WaitForExternalEvent<string>("go"))
            .AddOrchestrator<int, string>("Parent", async (ctx, x) =>
            {
                try
                {
                    return $"{await ctx.CallSubOrchestratorAsync<int>("Child", x, new SubOrchestrationOptions(instanceId: "taken"))}";
                }
                catch (SubOrchestrationFailedException ex)
                {
                    return ex.FailureDetails.ErrorMessage;
                }
            }));
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", 0, new() { InstanceId = "taken" });
        await host.WaitUntilAsync("taken", s => s.RuntimeStatus == OrchestrationRuntimeStatus.Running, "running");

        var result = await host.RunAsync("Parent", 1);
        var occupant = await host.Client.GetInstanceAsync("taken");

        Assert.Contains("'taken'", result.ReadOutputAs<string>());
        Assert.Equal("Waits", occupant!.Name);
        Assert.Equal(OrchestrationRuntimeStatus.Running, occupant.RuntimeStatus);
    }
}
