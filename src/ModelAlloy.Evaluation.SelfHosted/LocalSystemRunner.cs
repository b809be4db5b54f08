using Microsoft.DurableTask.Client;
using ModelAlloy.Evaluation.Datasets;
using ModelAlloy.Evaluation.SideBySide;
using ModelAlloy.Hosting.SelfHosted;
using ModelAlloy.Pipelines.Definitions;
using ModelAlloy.Pipelines.Orchestration;

namespace ModelAlloy.Evaluation.SelfHosted;

/// <summary>Runs a system on one item as a durable pipeline run on a <see cref="LocalAlloyHost"/> and waits for it.</summary>
/// <param name="host">The host.</param>
/// <param name="runTimeout">How long one run may take before it counts as failed.</param>
public sealed class LocalSystemRunner(LocalAlloyHost host, TimeSpan runTimeout) : ISystemRunner
{
    /// <inheritdoc />
    public async Task<SystemRun> RunAsync(EvalSystem system, EvalItem item, string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(item);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(runTimeout);
        OrchestrationMetadata run;
        try
        {
            await host.StartPipelineAsync(system.Pipeline, item.Input, runId, deadline.Token).ConfigureAwait(false);
            run = await host.Client.WaitForInstanceCompletionAsync(runId, getInputsAndOutputs: true, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SystemRun("", null, 0, false, $"no result within {runTimeout.TotalSeconds:F0} s");
        }

        if (run.RuntimeStatus != OrchestrationRuntimeStatus.Completed || run.ReadOutputAs<PipelineRunResult>() is not { } result)
        {
            return new SystemRun("", null, 0, false, $"{run.RuntimeStatus}: {run.FailureDetails?.ErrorMessage ?? "no output"}");
        }

        string? route = result.Stages.FirstOrDefault(s => s.Kind == StageKinds.Router)?.Route;
        return new SystemRun(result.Output, route, result.CostUsd, result.Simulated);
    }
}
