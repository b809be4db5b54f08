using ModelAlloy.Durable.Backend;
using ModelAlloy.Durable.History;

namespace ModelAlloy.Durable.Testing.Conformance;

/// <summary>
/// Crash safety: a failure injected before any single backend write (a process dying between two writes) leaves
/// an instance that still completes, with every activity result recorded exactly once. Activities themselves are
/// at-least-once: after such a crash an activity may run again, and only its first result is recorded.
/// </summary>
public abstract class WriteFaultConformance(IBackendFactory factory) : ConformanceTest(factory)
{
    private const int Input = 1;
    private const int Expected = 17; // 1+1=2, child 2+1=3, fan-out 4+5+6=15, +2 = 17

    private static DurableTaskRegistry Workflow(DurableTaskRegistry r) => r
        .AddActivity<int, int>("AddOne", x => x + 1)
        .AddOrchestrator<int, int>("Child", (ctx, x) => ctx.CallActivityAsync<int>("AddOne", x))
        .AddOrchestrator<int, int>("Workflow", async (ctx, x) =>
        {
            x = await ctx.CallActivityAsync<int>("AddOne", x);
            var child = await ctx.CallSubOrchestratorAsync<int>("Child", x, new SubOrchestrationOptions(instanceId: ctx.InstanceId + "-child"));
            var fan = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => ctx.CallActivityAsync<int>("AddOne", child + i)));
            await ctx.CreateTimer(TimeSpan.FromMilliseconds(10), CancellationToken.None);
            return fan.Sum() + x;
        });

    /// <summary>
    /// Runs the workflow, failing the <paramref name="failAt"/>-th write after the start (0 for none). Returns the
    /// number of writes, the write point that failed, and what went wrong, if anything.
    /// </summary>
    private async Task<(long Writes, string? FailedPoint, string? Problem)> RunWithFaultAsync(int failAt)
    {
        await using var host = await CreateHostAsync(r => Workflow(r));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Workflow", Input, new() { InstanceId = "crashy" });
        var before = host.Faults.WriteCount;
        string? failedPoint = null;
        host.Faults.Arm((point, number) =>
        {
            var fail = number == before + failAt;
            failedPoint = fail ? point : failedPoint;
            return fail;
        });
        await host.StartAsync();
        var result = await host.WaitAsync(id);
        var child = await host.Client.GetInstanceAsync(id + "-child", getInputsAndOutputs: true, includeHistory: true);
        var problem = Check(result, Expected) ?? Check(child!, 3);
        return (host.Faults.WriteCount - before, failedPoint, problem is null ? null : $"fault before write #{failAt} ({failedPoint ?? "never reached"}): {problem}");
    }

    private static string? Check(OrchestrationMetadata result, int expected)
    {
        if (result.RuntimeStatus != OrchestrationRuntimeStatus.Completed || result.ReadOutputAs<int>() != expected)
        {
            return $"{result.InstanceId} is {result.RuntimeStatus} with output {result.SerializedOutput} ({result.FailureDetails})";
        }

        var scheduled = result.History!.OfType<TaskScheduled>().GroupBy(e => e.TaskId).Where(g => g.Count() != 1).Select(g => g.Key);
        var completed = result.History!.OfType<TaskCompleted>().GroupBy(e => e.TaskScheduledId).Where(g => g.Count() != 1).Select(g => g.Key);
        var ids = result.History!.Select(e => e.EventId).ToArray();
        return scheduled.Concat(completed).Any() ? $"{result.InstanceId} recorded tasks [{string.Join(",", scheduled.Concat(completed))}] more than once"
            : !ids.SequenceEqual(Enumerable.Range(0, ids.Length)) ? $"{result.InstanceId} has event ids out of sequence"
            : null;
    }

    [Fact]
    public async Task Instance_completes_with_each_result_recorded_once_whichever_single_write_fails()
    {
        var (writes, _, clean) = await RunWithFaultAsync(0);
        Assert.True(clean is null, clean);

        var problems = new List<string>();
        var failedPoints = new HashSet<string>();
        for (var k = FaultInjectionStride; k <= writes; k += FaultInjectionStride)
        {
            var (_, point, problem) = await RunWithFaultAsync(k);
            failedPoints.Add(point ?? "none");
            if (problem is not null)
            {
                problems.Add(problem);
            }
        }

        Assert.True(writes >= 10, $"The workflow made only {writes} writes; the sweep would prove little.");
        Assert.Contains(HistoryWritePoint, failedPoints);
        Assert.Empty(problems);
    }
}
