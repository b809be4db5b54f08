using System.Diagnostics;
using ModelAlloy.Durable;

namespace ModelAlloy.Bench;

/// <summary>Runs one workload end to end through the client and measures wall time until every instance finished.</summary>
internal sealed class BenchRunner(DurableTaskClient client)
{
    public async Task<BenchResult> RunAsync(Workload workload, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var ids = await Task.WhenAll(Enumerable.Range(0, workload.Instances)
            .Select(_ => client.ScheduleNewOrchestrationInstanceAsync(workload.Orchestrator, workload.Size, cancellationToken: cancellationToken)));
        var finals = await Task.WhenAll(ids.Select(id => client.WaitForInstanceCompletionAsync(id, cancellationToken)));
        clock.Stop();

        foreach (var final in finals)
        {
            var output = final.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? final.ReadOutputAs<long>() : -1;
            if (output != workload.Expected)
            {
                throw new InvalidOperationException(
                    $"Workload '{workload.Name}': instance {final.InstanceId} ended {final.RuntimeStatus} with {final.SerializedOutput} (expected {workload.Expected}). {final.FailureDetails}");
            }
        }

        return new BenchResult(workload, clock.Elapsed);
    }
}

/// <summary>A measured workload.</summary>
internal sealed record BenchResult(Workload Workload, TimeSpan Elapsed)
{
    public double ActivitiesPerSecond => Workload.Activities / Elapsed.TotalSeconds;
}
