using ModelAlloy.Durable.History;

namespace ModelAlloy.Durable.Testing.Conformance;

/// <summary>Controlling running instances from the client: raise event, terminate, suspend and resume.</summary>
public abstract class ClientControlConformance(IBackendFactory factory) : ConformanceTest(factory)
{
    private static DurableTaskRegistry Tasks(DurableTaskRegistry r) => r
        .AddOrchestrator<int, string>("Waits", (ctx, _) => ctx.WaitForExternalEvent<string>("go"))
        .AddOrchestrator<int, string>("Sleeps", async (ctx, _) =>
        {
            ctx.SetCustomStatus("sleeping");
            await ctx.CreateTimer(TimeSpan.FromMilliseconds(300), CancellationToken.None);
            return "woke";
        })
        .AddOrchestrator<int, string>("Parent", async (ctx, _) =>
        {
            try
            {
                return await ctx.CallSubOrchestratorAsync<string>("Waits", 0, new SubOrchestrationOptions(instanceId: "the-child"));
            }
            catch (SubOrchestrationFailedException ex)
            {
                return $"child {ex.ChildInstanceId} failed: {ex.FailureDetails.ErrorMessage}";
            }
        });

    [Fact]
    public async Task Raised_event_reaches_a_waiting_instance()
    {
        await using var host = await StartHostAsync(r => Tasks(r));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", 0);

        await host.Client.RaiseEventAsync(id, "go", "payload");
        var result = await host.WaitAsync(id);

        Assert.Equal("payload", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Terminate_stops_a_running_instance_with_the_reason_as_output()
    {
        await using var host = await StartHostAsync(r => Tasks(r));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", 0);
        await host.WaitUntilAsync(id, s => s.RuntimeStatus == OrchestrationRuntimeStatus.Running, "running");

        await host.Client.TerminateInstanceAsync(id, "operator stop");
        var result = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, result.RuntimeStatus);
        Assert.Equal("operator stop", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Terminate_stops_a_pending_instance_before_it_starts()
    {
        await using var host = await StartHostAsync(r => Tasks(r));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", 0, new StartOrchestrationOptions { StartAt = DateTimeOffset.UtcNow.AddHours(1) });

        await host.Client.TerminateInstanceAsync(id, "not needed");
        var result = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, result.RuntimeStatus);
        Assert.Empty(result.History!.OfType<ExecutionStarted>());
    }

    [Fact]
    public async Task Terminating_a_child_fails_the_parent_task_awaiting_it()
    {
        await using var host = await StartHostAsync(r => Tasks(r));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Parent", 0);
        await host.WaitUntilAsync("the-child", s => s.RuntimeStatus == OrchestrationRuntimeStatus.Running, "running");

        await host.Client.TerminateInstanceAsync("the-child", "cancelled by operator");
        var result = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.StartsWith("child the-child failed:", result.ReadOutputAs<string>());
        Assert.Contains("cancelled by operator", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Terminating_a_finished_instance_changes_nothing()
    {
        await using var host = await StartHostAsync(r => Tasks(r));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", 0);
        await host.Client.RaiseEventAsync(id, "go", "done");
        await host.WaitAsync(id);

        await host.Client.TerminateInstanceAsync(id, "too late");

        var state = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, state!.RuntimeStatus);
        Assert.Equal("done", state.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Events_raised_while_suspended_wait_until_resume()
    {
        await using var host = await StartHostAsync(r => Tasks(r));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", 0);
        await host.WaitUntilAsync(id, s => s.RuntimeStatus == OrchestrationRuntimeStatus.Running, "running");

        await host.Client.SuspendInstanceAsync(id, "maintenance");
        await host.WaitUntilAsync(id, s => s.RuntimeStatus == OrchestrationRuntimeStatus.Suspended, "suspended");
        await host.Client.RaiseEventAsync(id, "go", "after resume");
        var held = await host.WaitUntilAsync(id, s => s.History!.OfType<EventRaised>().Any(), "holding the event");

        Assert.Equal(OrchestrationRuntimeStatus.Suspended, held.RuntimeStatus);

        await host.Client.ResumeInstanceAsync(id, "maintenance over");
        var result = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("after resume", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Suspended_instance_can_be_terminated()
    {
        await using var host = await StartHostAsync(r => Tasks(r));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", 0);
        await host.WaitUntilAsync(id, s => s.RuntimeStatus == OrchestrationRuntimeStatus.Running, "running");
        await host.Client.SuspendInstanceAsync(id);
        await host.WaitUntilAsync(id, s => s.RuntimeStatus == OrchestrationRuntimeStatus.Suspended, "suspended");

        await host.Client.TerminateInstanceAsync(id, "abandoned");
        var result = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, result.RuntimeStatus);
    }

    [Fact]
    public async Task Timer_firing_while_suspended_takes_effect_on_resume()
    {
        await using var host = await StartHostAsync(r => Tasks(r));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Sleeps", 0);
        await host.WaitUntilAsync(id, s => s.SerializedCustomStatus is not null, "sleeping");

        await host.Client.SuspendInstanceAsync(id);
        var held = await host.WaitUntilAsync(id, s => s.History!.OfType<TimerFired>().Any(), "holding the fired timer");

        Assert.Equal(OrchestrationRuntimeStatus.Suspended, held.RuntimeStatus);

        await host.Client.ResumeInstanceAsync(id);
        var result = await host.WaitAsync(id);

        Assert.Equal("woke", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Instance_suspended_before_its_scheduled_start_waits_suspended_until_resumed()
    {
        var commits = 0;
        await using var host = await StartHostAsync(r => Tasks(r)
            .AddOrchestrator<int, string>("Quick", (_, _) => Task.FromResult("ran")),
            decorate: b => new CountingBackend(b, () => Interlocked.Increment(ref commits)));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Quick", 0, new() { StartAt = DateTimeOffset.UtcNow.AddMilliseconds(500) });

        await host.Client.SuspendInstanceAsync(id);
        // The status is written after the history (commit order), so a read between the two sees the start in the
        // history and the status still Pending: wait for both.
        var suspended = await host.WaitUntilAsync(
            id, s => s.History!.OfType<ExecutionStarted>().Any() && s.RuntimeStatus != OrchestrationRuntimeStatus.Pending, "past its scheduled start");

        Assert.Equal(OrchestrationRuntimeStatus.Suspended, suspended.RuntimeStatus);
        Assert.True(commits <= 10, $"The instance committed {commits} episodes while waiting for its start; it should wait, not spin.");

        await host.Client.ResumeInstanceAsync(id);
        var result = await host.WaitAsync(id);

        Assert.Equal("ran", result.ReadOutputAs<string>());
    }

    private sealed class CountingBackend(Backend.IOrchestrationBackend inner, Action onCommit) : Backends.DelegatingOrchestrationBackend(inner)
    {
        public override Task<string> CompleteOrchestrationWorkItemAsync(Backend.OrchestrationWorkItem workItem, Backend.OrchestrationCommit commit, CancellationToken cancellationToken)
        {
            onCommit();
            return base.CompleteOrchestrationWorkItemAsync(workItem, commit, cancellationToken);
        }
    }
}
