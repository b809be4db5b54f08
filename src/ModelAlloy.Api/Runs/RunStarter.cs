using DurableTask.Core.Exceptions;
using ModelAlloy.Pipelines.Orchestration;

namespace ModelAlloy.Api.Runs;

/// <summary>
/// Starts a pipeline run at most once per instance id. A retried POST finds the instance its first attempt started
/// (whatever its state) and starts nothing. Two POSTs racing with the same id both miss on the look-up; the start
/// then asks the backend to refuse an id in any state (dedupe statuses, honoured atomically by DTFx in-memory and
/// by Azure Storage, so across processes and Functions instances too), and the loser reads the winner's instance.
/// Either way the caller learns whether the existing run was started with the same pipeline and input.
/// </summary>
internal static class RunStarter
{
    private static readonly OrchestrationRuntimeStatus[] AnyStatus = [.. StartOrchestrationOptionsExtensions.ValidDedupeStatuses];

    public static async Task<RunStart> StartAsync(DurableTaskClient client, PipelineRunInput input, string? instanceId, CancellationToken cancellationToken)
    {
        if (instanceId is null)
        {
            string id = await client.ScheduleNewOrchestrationInstanceAsync(PipelineOrchestrator.Name, input, cancellationToken).ConfigureAwait(false);
            return new RunStart(id, Started: true, SameRequest: true);
        }

        if (await FindAsync(client, input, instanceId, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return existing;
        }

        try
        {
            var options = new StartOrchestrationOptions(instanceId).WithDedupeStatuses(AnyStatus);
            await client.ScheduleNewOrchestrationInstanceAsync(PipelineOrchestrator.Name, input, options, cancellationToken).ConfigureAwait(false);
            return new RunStart(instanceId, Started: true, SameRequest: true);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // Purged between the refusal and this read: it existed, and the caller asked for nothing more.
            return await FindAsync(client, input, instanceId, cancellationToken).ConfigureAwait(false)
                ?? new RunStart(instanceId, Started: false, SameRequest: true);
        }
    }

    private static async Task<RunStart?> FindAsync(DurableTaskClient client, PipelineRunInput input, string instanceId, CancellationToken cancellationToken)
    {
        OrchestrationMetadata? existing = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            return null;
        }

        bool same = existing.Name == PipelineOrchestrator.Name && input.IsSameRequest(existing.ReadInputAs<PipelineRunInput>());
        return new RunStart(instanceId, Started: false, SameRequest: same, existing.RuntimeStatus);
    }
}

/// <summary>The outcome of <see cref="RunStarter.StartAsync"/>.</summary>
/// <param name="InstanceId">The run's instance id.</param>
/// <param name="Started">True when this call scheduled it.</param>
/// <param name="SameRequest">False when the existing instance is another orchestration or ran another pipeline or input.</param>
/// <param name="ExistingStatus">The existing instance's status, when it existed.</param>
internal readonly record struct RunStart(string InstanceId, bool Started, bool SameRequest, OrchestrationRuntimeStatus? ExistingStatus = null);
