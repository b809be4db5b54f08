using ModelAlloy.Durable.Backend;

namespace ModelAlloy.Durable.Testing.Conformance;

/// <summary>Purging: one finished instance, never a running one, and many by filter.</summary>
public abstract class PurgeConformance(IBackendFactory factory) : ConformanceTest(factory)
{
    private static DurableTaskRegistry Tasks(DurableTaskRegistry r) => r
        .AddActivity<int, int>("AddOne", x => x + 1)
        .AddOrchestrator<int, int>("Done", (ctx, x) => ctx.CallActivityAsync<int>("AddOne", x))
        .AddOrchestrator<int, int>("Fails", (_, _) => throw new InvalidOperationException("no"))
        .AddOrchestrator<int, string>("Waits", (ctx, _) => ctx.WaitForExternalEvent<string>("go"));

    [Fact]
    public async Task Purging_a_finished_instance_deletes_it()
    {
        await using var host = await StartHostAsync(r => Tasks(r));
        var id = (await host.RunAsync("Done", 1)).InstanceId;

        Assert.True(await host.Client.PurgeInstanceAsync(id));

        Assert.Null(await host.Client.GetInstanceAsync(id, includeHistory: true));
        Assert.Empty((await host.Client.QueryInstancesAsync(new InstanceQuery())).Instances);
    }

    [Fact]
    public async Task Purging_a_running_instance_fails_with_a_clear_error_and_keeps_it()
    {
        await using var host = await StartHostAsync(r => Tasks(r));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", 0);
        await host.WaitUntilAsync(id, s => s.RuntimeStatus == OrchestrationRuntimeStatus.Running, "running");

        var error = await Assert.ThrowsAsync<DurableTaskException>(() => host.Client.PurgeInstanceAsync(id));

        Assert.Equal(DurableErrorCodes.InvalidInstanceState, error.ErrorCode);
        Assert.Contains(id, error.Message);
        Assert.NotNull(await host.Client.GetInstanceAsync(id));
    }

    [Fact]
    public async Task Purging_an_unknown_id_returns_false()
    {
        await using var host = await StartHostAsync(r => Tasks(r));

        Assert.False(await host.Client.PurgeInstanceAsync("never-existed"));
    }

    [Fact]
    public async Task Purge_by_status_deletes_only_finished_instances_in_those_statuses()
    {
        await using var host = await StartHostAsync(r => Tasks(r));
        await host.RunAsync("Done", 1, new() { InstanceId = "done-1" });
        await host.RunAsync("Done", 1, new() { InstanceId = "done-2" });
        await host.RunAsync("Fails", 1, new() { InstanceId = "failed" });
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", 0, new() { InstanceId = "running" });

        var purged = await host.Client.PurgeInstancesAsync(new PurgeFilter { Statuses = [OrchestrationRuntimeStatus.Completed] });

        Assert.Equal(2, purged);
        var left = (await host.Client.QueryInstancesAsync(new InstanceQuery())).Instances.Select(i => i.InstanceId).Order(StringComparer.Ordinal);
        Assert.Equal(["failed", "running"], left);
    }

    [Fact]
    public async Task Purge_by_created_range_deletes_finished_instances_created_in_it()
    {
        await using var host = await StartHostAsync(r => Tasks(r));
        await host.RunAsync("Done", 1, new() { InstanceId = "old" });
        var old = (await host.Client.GetInstanceAsync("old"))!.CreatedAt;
        SpinWait.SpinUntil(() => DateTime.UtcNow > old.AddMilliseconds(5));
        await host.RunAsync("Done", 1, new() { InstanceId = "new" });
        var cutoff = (await host.Client.GetInstanceAsync("new"))!.CreatedAt;

        var purged = await host.Client.PurgeInstancesAsync(new PurgeFilter { CreatedTo = cutoff });

        Assert.Equal(1, purged);
        Assert.Null(await host.Client.GetInstanceAsync("old"));
        Assert.NotNull(await host.Client.GetInstanceAsync("new"));
    }

    [Fact]
    public async Task Purge_filter_naming_an_unfinished_status_is_rejected()
    {
        await using var host = await StartHostAsync(r => Tasks(r));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => host.Client.PurgeInstancesAsync(new PurgeFilter { Statuses = [OrchestrationRuntimeStatus.Running] }));

        Assert.Equal("filter", error.ParamName);
    }

    [Fact]
    public async Task Purged_id_can_be_started_again()
    {
        await using var host = await StartHostAsync(r => Tasks(r));
        await host.RunAsync("Done", 1, new() { InstanceId = "reused" });
        await host.Client.PurgeInstanceAsync("reused");

        var result = await host.RunAsync("Done", 10, new() { InstanceId = "reused", IfExists = InstanceIdReusePolicy.ThrowIfExists });

        Assert.Equal(11, result.ReadOutputAs<int>());
    }
}
