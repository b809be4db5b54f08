using ModelAlloy.Durable.Backend;

namespace ModelAlloy.Durable.Testing.Conformance;

/// <summary>Listing instances: each filter on its own, and paging with a continuation token.</summary>
public abstract class QueryConformance(IBackendFactory factory) : ConformanceTest(factory)
{
    private static DurableTaskRegistry Tasks(DurableTaskRegistry r) => r
        .AddOrchestrator<int, int>("Done", (_, x) => Task.FromResult(x))
        .AddOrchestrator<int, int>("Fails", (_, _) => throw new InvalidOperationException("no"))
        .AddOrchestrator<int, string>("Waits", (ctx, _) => ctx.WaitForExternalEvent<string>("go"));

    private static async Task<string[]> AllIdsAsync(DurableTestHost host, InstanceQuery query)
    {
        var ids = new List<string>();
        string? token = null;
        do
        {
            var page = await host.Client.QueryInstancesAsync(query with { ContinuationToken = token });
            ids.AddRange(page.Instances.Select(i => i.InstanceId));
            token = page.ContinuationToken;
        }
        while (token is not null);

        return [.. ids.Order(StringComparer.Ordinal)];
    }

    private static async Task StartAsync(DurableTestHost host, string name, string id, DateTimeOffset? startAt = null) =>
        await host.Client.ScheduleNewOrchestrationInstanceAsync(name, 1, new StartOrchestrationOptions { InstanceId = id, StartAt = startAt });

    [Fact]
    public async Task Query_by_status_returns_only_instances_in_those_statuses()
    {
        await using var host = await StartHostAsync(r => Tasks(r));
        await host.RunAsync("Done", 1, new() { InstanceId = "done" });
        await host.RunAsync("Fails", 1, new() { InstanceId = "failed" });
        await StartAsync(host, "Waits", "running");
        await host.WaitUntilAsync("running", s => s.RuntimeStatus == OrchestrationRuntimeStatus.Running, "running");
        await StartAsync(host, "Done", "pending", DateTimeOffset.UtcNow.AddHours(1));

        Assert.Equal(["done"], await AllIdsAsync(host, new() { Statuses = [OrchestrationRuntimeStatus.Completed] }));
        Assert.Equal(["failed", "running"], await AllIdsAsync(host, new() { Statuses = [OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Running] }));
        Assert.Equal(["pending"], await AllIdsAsync(host, new() { Statuses = [OrchestrationRuntimeStatus.Pending] }));
    }

    [Fact]
    public async Task Query_by_created_range_includes_the_start_and_excludes_the_end()
    {
        await using var host = await StartHostAsync(r => Tasks(r));
        await StartAsync(host, "Done", "early");
        var early = (await host.Client.GetInstanceAsync("early"))!.CreatedAt;
        SpinWait.SpinUntil(() => DateTime.UtcNow > early.AddMilliseconds(5));
        await StartAsync(host, "Done", "late");
        var late = (await host.Client.GetInstanceAsync("late"))!.CreatedAt;

        Assert.True(late > early, "The backend gave both instances the same creation time.");
        Assert.Equal(["early"], await AllIdsAsync(host, new() { CreatedTo = late }));
        Assert.Equal(["late"], await AllIdsAsync(host, new() { CreatedFrom = late }));
        Assert.Equal(["early", "late"], await AllIdsAsync(host, new() { CreatedFrom = early, CreatedTo = late.AddTicks(1) }));
    }

    [Fact]
    public async Task Query_by_name_matches_the_orchestration_name_exactly()
    {
        await using var host = await StartHostAsync(r => Tasks(r));
        await StartAsync(host, "Done", "a");
        await StartAsync(host, "Waits", "b");

        Assert.Equal(["b"], await AllIdsAsync(host, new() { Name = "Waits" }));
        Assert.Empty(await AllIdsAsync(host, new() { Name = "Wait" }));
    }

    [Fact]
    public async Task Query_by_id_prefix_returns_only_ids_with_that_prefix()
    {
        await using var host = await StartHostAsync(r => Tasks(r));
        foreach (var id in new[] { "tenant1-a", "tenant1-b", "tenant2-a", "tenant10-a" })
        {
            await StartAsync(host, "Done", id);
        }

        Assert.Equal(["tenant1-a", "tenant1-b"], await AllIdsAsync(host, new() { InstanceIdPrefix = "tenant1-" }));
    }

    [Fact]
    public async Task Paging_with_the_continuation_token_returns_every_instance_once()
    {
        await using var host = await StartHostAsync(r => Tasks(r));
        var ids = Enumerable.Range(0, 7).Select(i => $"paged-{i:D2}").ToArray();
        foreach (var id in ids)
        {
            await StartAsync(host, "Done", id);
        }

        var pages = new List<int>();
        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await host.Client.QueryInstancesAsync(new InstanceQuery { PageSize = 3, ContinuationToken = token });
            pages.Add(page.Instances.Count);
            seen.AddRange(page.Instances.Select(i => i.InstanceId));
            token = page.ContinuationToken;
        }
        while (token is not null && pages.Count < 10);

        // A backend may return short pages (storage paging), never longer ones, and must not repeat or skip instances.
        Assert.True(pages.Count > 1, "Seven instances with a page size of three came back in one page.");
        Assert.All(pages, count => Assert.InRange(count, 0, 3));
        Assert.Equal(ids, seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Query_includes_inputs_and_outputs_only_when_asked()
    {
        await using var host = await StartHostAsync(r => Tasks(r));
        await host.RunAsync("Done", 5, new() { InstanceId = "io" });

        var without = Assert.Single((await host.Client.QueryInstancesAsync(new InstanceQuery())).Instances);
        var with = Assert.Single((await host.Client.QueryInstancesAsync(new InstanceQuery { IncludeInputsAndOutputs = true })).Instances);

        Assert.Null(without.SerializedOutput);
        Assert.Equal(5, with.ReadOutputAs<int>());
        Assert.Equal(5, with.ReadInputAs<int>());
    }
}
