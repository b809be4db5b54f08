using ModelAlloy.Durable.History;

namespace ModelAlloy.Durable.Testing.Conformance;

/// <summary>The client's start, status and wait: ids, scheduled starts, what a status includes, and versions.</summary>
public abstract class ClientLifecycleConformance(IBackendFactory factory) : ConformanceTest(factory)
{
    private static DurableTaskRegistry Tasks(DurableTaskRegistry r) => r
        .AddActivity<int, int>("AddOne", x => x + 1)
        .AddOrchestrator<int, int>("Add", (ctx, x) => ctx.CallActivityAsync<int>("AddOne", x))
        .AddOrchestrator<int, int>("Versioned", (ctx, x) => Task.FromResult(x), version: "2.1")
        .AddOrchestrator<int, string>("Waits", (ctx, _) => ctx.WaitForExternalEvent<string>("go"));

    [Fact]
    public async Task Start_with_an_instance_id_uses_that_id()
    {
        await using var host = await StartHostAsync(r => Tasks(r));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Add", 1, new StartOrchestrationOptions { InstanceId = "order-42" });
        var result = await host.WaitAsync(id);

        Assert.Equal("order-42", id);
        Assert.Equal(2, result.ReadOutputAs<int>());
    }

    [Fact]
    public async Task Start_without_an_instance_id_generates_a_unique_valid_id()
    {
        await using var host = await StartHostAsync(r => Tasks(r));

        var first = await host.Client.ScheduleNewOrchestrationInstanceAsync("Add", 1);
        var second = await host.Client.ScheduleNewOrchestrationInstanceAsync("Add", 1);

        Assert.NotEqual(first, second);
        InstanceIdRules.Validate(first);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.WaitAsync(first)).RuntimeStatus);
    }

    [Fact]
    public async Task Scheduled_start_stays_pending_until_it_is_due()
    {
        await using var host = await StartHostAsync(r => Tasks(r));
        var startAt = DateTimeOffset.UtcNow.AddMilliseconds(700);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Add", 1, new StartOrchestrationOptions { StartAt = startAt });
        var pending = await host.Client.GetInstanceAsync(id);
        var result = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Pending, pending!.RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        var firstEpisode = result.History!.OfType<OrchestratorStarted>().First().Timestamp;
        Assert.True(firstEpisode >= startAt.UtcDateTime, $"The instance started at {firstEpisode:O}, before its scheduled start {startAt:O}.");
    }

    [Fact]
    public async Task Status_without_options_omits_input_output_and_history()
    {
        await using var host = await StartHostAsync(r => Tasks(r));
        var id = (await host.RunAsync("Add", 1)).InstanceId;

        var state = await host.Client.GetInstanceAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state!.RuntimeStatus);
        Assert.Equal("Add", state.Name);
        Assert.Null(state.SerializedInput);
        Assert.Null(state.SerializedOutput);
        Assert.Null(state.History);
    }

    [Fact]
    public async Task Status_with_options_includes_input_output_and_history()
    {
        await using var host = await StartHostAsync(r => Tasks(r));
        var id = (await host.RunAsync("Add", 1)).InstanceId;

        var state = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true, includeHistory: true);

        Assert.Equal(1, state!.ReadInputAs<int>());
        Assert.Equal(2, state.ReadOutputAs<int>());
        Assert.IsType<ExecutionCompleted>(state.History![^1]);
        Assert.NotNull(state.CompletedAt);
        Assert.True(state.CreatedAt <= state.LastUpdatedAt);
    }

    [Fact]
    public async Task Status_of_an_unknown_id_is_null()
    {
        await using var host = await StartHostAsync(r => Tasks(r));

        Assert.Null(await host.Client.GetInstanceAsync("never-started"));
    }

    [Fact]
    public async Task Wait_for_completion_returns_the_final_state_with_output()
    {
        await using var host = await StartHostAsync(r => Tasks(r));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Add", 41);

        using var timeout = new CancellationTokenSource(DurableTestHost.Timeout);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(42, result.ReadOutputAs<int>());
    }

    [Fact]
    public async Task Cancelling_a_wait_for_completion_stops_waiting_and_leaves_the_instance_running()
    {
        await using var host = await StartHostAsync(r => Tasks(r));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", 0);

        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Client.WaitForInstanceCompletionAsync(id, cancel.Token));

        Assert.False((await host.Client.GetInstanceAsync(id))!.IsCompleted);
    }

    [Fact]
    public async Task Instance_records_the_version_its_orchestrator_was_registered_with()
    {
        await using var host = await StartHostAsync(r => Tasks(r));

        var versioned = await host.RunAsync("Versioned", 1);
        var unversioned = await host.RunAsync("Add", 1);

        Assert.Equal("2.1", versioned.Version);
        Assert.Equal("1.0", unversioned.Version);
    }

    [Fact]
    public async Task Instance_records_an_explicit_start_version()
    {
        await using var host = await StartHostAsync(r => Tasks(r));

        var result = await host.RunAsync("Versioned", 1, new StartOrchestrationOptions { Version = "3.0-beta" });

        Assert.Equal("3.0-beta", result.Version);
        Assert.Equal("3.0-beta", result.History!.OfType<ExecutionStarted>().Single().Version);
    }
}
