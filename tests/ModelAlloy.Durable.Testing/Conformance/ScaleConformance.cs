using ModelAlloy.Durable.History;

namespace ModelAlloy.Durable.Testing.Conformance;

/// <summary>
/// Sizes a production backend must handle: wide fan-out, long histories (and ContinueAsNew resetting them), and
/// many instances at once. Sizes follow <see cref="ConformanceTest.ScaleFactor"/>.
/// </summary>
public abstract class ScaleConformance(IBackendFactory factory) : ConformanceTest(factory)
{
    /// <summary>Activities per batch in the long-history orchestrator: each batch adds about twice as many events.</summary>
    private const int BatchWidth = 500;

    private static DurableTaskRegistry Tasks(DurableTaskRegistry r) => r
        .AddActivity<int, int>("AddOne", x => x + 1)
        .AddOrchestrator<int, int>("FanOut", async (ctx, n) =>
            (await Task.WhenAll(Enumerable.Range(0, n).Select(i => ctx.CallActivityAsync<int>("AddOne", i)))).Sum())
        .AddOrchestrator<int, int>("Chain", async (ctx, n) =>
        {
            var x = 0;
            for (var i = 0; i < n; i++)
            {
                x = await ctx.CallActivityAsync<int>("AddOne", x);
            }

            return x;
        })
        .AddOrchestrator<LongRun, int>("Long", async (ctx, run) =>
        {
            var total = 0;
            for (var batch = 0; batch < run.Batches; batch++)
            {
                total += (await Task.WhenAll(Enumerable.Range(0, run.Width).Select(i => ctx.CallActivityAsync<int>("AddOne", i)))).Sum();
            }

            if (run.ThenReset)
            {
                ctx.SetCustomStatus("long");
                await ctx.WaitForExternalEvent<string>("reset");
                ctx.ContinueAsNew(new LongRun(0, 0, false, total));
            }

            return total + run.Carried;
        });

    private LongRun TenThousandEvents(bool thenReset)
    {
        var width = Scaled(BatchWidth);
        var batches = (Scaled(10_000) + (2 * width) - 1) / (2 * width);
        return new LongRun(batches, width, thenReset, 0);
    }

    private static int BatchSum(int width) => Enumerable.Range(1, width).Sum();

    [Fact]
    public async Task Fan_out_fan_in_of_a_thousand_activities_sums_every_result()
    {
        var n = Scaled(1000);
        await using var host = await StartHostAsync(r => Tasks(r));

        var result = await host.RunAsync("FanOut", n);

        Assert.Equal(Enumerable.Range(1, n).Sum(), result.ReadOutputAs<int>());
        Assert.Equal(n, result.History!.OfType<TaskCompleted>().Count());
    }

    [Fact]
    public async Task Instance_with_ten_thousand_history_events_completes()
    {
        var run = TenThousandEvents(thenReset: false);
        await using var host = await StartHostAsync(r => Tasks(r));

        var result = await host.RunAsync("Long", run);

        Assert.Equal(run.Batches * BatchSum(run.Width), result.ReadOutputAs<int>());
        Assert.True(result.History!.Count >= Scaled(10_000), $"The history has only {result.History!.Count} events.");
        Assert.Equal(Enumerable.Range(0, result.History!.Count), result.History!.Select(e => e.EventId));
    }

    [Fact]
    public async Task ContinueAsNew_resets_a_history_of_ten_thousand_events()
    {
        var run = TenThousandEvents(thenReset: true);
        await using var host = await StartHostAsync(r => Tasks(r));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Long", run);
        var full = await host.WaitUntilAsync(id, s => s.SerializedCustomStatus is not null, "through its batches");
        await host.Client.RaiseEventAsync(id, "reset");
        var result = await host.WaitAsync(id);

        Assert.True(full.History!.Count >= Scaled(10_000), $"The history reached only {full.History!.Count} events.");
        Assert.Equal(run.Batches * BatchSum(run.Width), result.ReadOutputAs<int>());
        Assert.InRange(result.History!.Count, 1, 5);
        Assert.NotEqual(full.ExecutionId, result.ExecutionId);
    }

    [Fact]
    public async Task Two_hundred_concurrent_instances_all_complete()
    {
        var n = Scaled(200);
        await using var host = await StartHostAsync(r => Tasks(r), o => o.MaxConcurrentOrchestrations = 8);

        var ids = await Task.WhenAll(Enumerable.Range(0, n).Select(i =>
            host.Client.ScheduleNewOrchestrationInstanceAsync("Chain", 3, new() { InstanceId = $"concurrent-{i:D4}" })));
        var results = await host.WaitAllAsync(ids);

        Assert.All(results, r => Assert.Equal(OrchestrationRuntimeStatus.Completed, r.RuntimeStatus));
        Assert.All(results, r => Assert.Equal(3, r.ReadOutputAs<int>()));
    }

    [Fact]
    public async Task Megabyte_payloads_pass_through_input_activities_events_and_output()
    {
        var input = new string('a', 1024 * 1024) + "|end";
        await using var host = await StartHostAsync(r => r
            .AddActivity<string, string>("Reverse", s => new string(s.Reverse().ToArray()))
            .AddOrchestrator<string, string>("Big", async (ctx, text) =>
            {
                var reversed = await ctx.CallActivityAsync<string>("Reverse", text);
                ctx.SetCustomStatus("waiting");
                var extra = await ctx.WaitForExternalEvent<string>("extra");
                return reversed + extra;
            }));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Big", input);
        await host.WaitUntilAsync(id, s => s.SerializedCustomStatus is not null, "waiting for the extra payload", includeHistory: false);
        await host.Client.RaiseEventAsync(id, "extra", new string('z', 256 * 1024));
        var result = await host.WaitAsync(id);

        Assert.Equal(new string(input.Reverse().ToArray()) + new string('z', 256 * 1024), result.ReadOutputAs<string>());
        Assert.Equal(input, result.ReadInputAs<string>());
    }

    public sealed record LongRun(int Batches, int Width, bool ThenReset, int Carried);
}
