using ModelAlloy.Durable.Backend;

namespace ModelAlloy.Durable.Testing.Conformance;

/// <summary>
/// Instance ids: what is rejected (they become storage keys) and what happens when a start names an id that
/// exists, for each <see cref="InstanceIdReusePolicy"/>.
/// </summary>
public abstract class InstanceIdConformance(IBackendFactory factory) : ConformanceTest(factory)
{
    private static DurableTaskRegistry Tasks(DurableTaskRegistry r) => r
        .AddOrchestrator<int, int>("Echo", (_, x) => Task.FromResult(x))
        .AddOrchestrator<int, string>("Waits", (ctx, _) => ctx.WaitForExternalEvent<string>("go"));

    public static TheoryData<string> InvalidIds =>
        ["", new string('a', InstanceIdRules.MaxLength + 1), "a/b", "a#b", "a?b", "a\u0001b", "a\tb", "a b", " ", "a\\b"];

    [Theory]
    [MemberData(nameof(InvalidIds))]
    public async Task Invalid_instance_id_is_rejected_at_start(string id)
    {
        await using var host = await StartHostAsync(r => Tasks(r));

        var error = await Assert.ThrowsAsync<DurableTaskException>(() => host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", 1, new() { InstanceId = id }));

        Assert.Equal(DurableErrorCodes.InvalidInstanceId, error.ErrorCode);
        Assert.Empty((await host.Client.QueryInstancesAsync(new())).Instances);
    }

    [Fact]
    public async Task Id_of_the_maximum_length_is_accepted()
    {
        await using var host = await StartHostAsync(r => Tasks(r));
        var id = new string('a', InstanceIdRules.MaxLength - 4) + "-_.:";

        var result = await host.RunAsync("Echo", 3, new() { InstanceId = id });

        Assert.Equal(id, result.InstanceId);
        Assert.Equal(3, result.ReadOutputAs<int>());
    }

    [Fact]
    public async Task Default_policy_rejects_an_id_whose_instance_is_still_running()
    {
        await using var host = await StartHostAsync(r => Tasks(r));
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", 0, new() { InstanceId = "busy" });

        var error = await Assert.ThrowsAsync<DurableTaskException>(() => host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", 1, new() { InstanceId = "busy" }));

        Assert.Equal(DurableErrorCodes.InstanceAlreadyExists, error.ErrorCode);
        Assert.Equal("Waits", (await host.Client.GetInstanceAsync("busy"))!.Name);
    }

    [Fact]
    public async Task Default_policy_replaces_a_finished_instance_with_a_new_execution()
    {
        await using var host = await StartHostAsync(r => Tasks(r));
        var first = await host.RunAsync("Echo", 1, new() { InstanceId = "again" });

        var second = await host.RunAsync("Echo", 2, new() { InstanceId = "again" });

        Assert.Equal(2, second.ReadOutputAs<int>());
        Assert.NotEqual(first.ExecutionId, second.ExecutionId);
        Assert.Single(second.History!.OfType<History.ExecutionStarted>());
    }

    [Fact]
    public async Task ReturnExisting_keeps_a_running_instance_and_reports_its_id()
    {
        await using var host = await StartHostAsync(r => Tasks(r));
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", 0, new() { InstanceId = "idempotent" });

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", 1, new() { InstanceId = "idempotent", IfExists = InstanceIdReusePolicy.ReturnExisting });

        Assert.Equal("idempotent", id);
        Assert.Equal("Waits", (await host.Client.GetInstanceAsync(id))!.Name);
    }

    [Fact]
    public async Task ReturnExisting_keeps_a_finished_instance_and_its_output()
    {
        await using var host = await StartHostAsync(r => Tasks(r));
        await host.RunAsync("Echo", 1, new() { InstanceId = "idempotent" });

        await host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", 2, new() { InstanceId = "idempotent", IfExists = InstanceIdReusePolicy.ReturnExisting });
        var state = await host.Client.GetInstanceAsync("idempotent", getInputsAndOutputs: true);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state!.RuntimeStatus);
        Assert.Equal(1, state.ReadOutputAs<int>());
    }

    [Fact]
    public async Task ThrowIfExists_rejects_even_a_finished_instance()
    {
        await using var host = await StartHostAsync(r => Tasks(r));
        await host.RunAsync("Echo", 1, new() { InstanceId = "once" });

        var error = await Assert.ThrowsAsync<DurableTaskException>(() =>
            host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", 2, new() { InstanceId = "once", IfExists = InstanceIdReusePolicy.ThrowIfExists }));

        Assert.Equal(DurableErrorCodes.InstanceAlreadyExists, error.ErrorCode);
        Assert.Contains("'once'", error.Message);
    }

    [Fact]
    public async Task Invalid_id_is_rejected_by_every_client_operation()
    {
        await using var host = await StartHostAsync(r => Tasks(r));
        const string bad = "a/b";

        Assert.Equal(DurableErrorCodes.InvalidInstanceId, (await Assert.ThrowsAsync<DurableTaskException>(() => host.Client.GetInstanceAsync(bad))).ErrorCode);
        Assert.Equal(DurableErrorCodes.InvalidInstanceId, (await Assert.ThrowsAsync<DurableTaskException>(() => host.Client.RaiseEventAsync(bad, "e"))).ErrorCode);
        Assert.Equal(DurableErrorCodes.InvalidInstanceId, (await Assert.ThrowsAsync<DurableTaskException>(() => host.Client.TerminateInstanceAsync(bad))).ErrorCode);
        Assert.Equal(DurableErrorCodes.InvalidInstanceId, (await Assert.ThrowsAsync<DurableTaskException>(() => host.Client.PurgeInstanceAsync(bad))).ErrorCode);
    }
}
