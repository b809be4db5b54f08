using DurableTask.Core.Exceptions;

namespace ModelAlloy.Batches.Runs;

/// <summary>
/// Starts an orchestration under a given instance id at most once: the instance is looked up first (a redelivery or a
/// rerun finds what the first start created, in whatever state); the start then asks the backend to refuse an id in
/// any state, closing the gap between look-up and start where the backend honours that, and a refusal counts as
/// success (the instance exists, which is all the caller wanted). Used by every starter that derives its instance
/// ids: batch items (CLI and queue) and the Functions ticket queue starter.
/// </summary>
public static class InstanceStarter
{
    private static readonly OrchestrationRuntimeStatus[] AnyStatus = [.. StartOrchestrationOptionsExtensions.ValidDedupeStatuses];

    /// <summary>Schedules <paramref name="orchestrator"/> as <paramref name="instanceId"/> unless that instance exists.</summary>
    /// <param name="client">The client.</param>
    /// <param name="orchestrator">The orchestrator.</param>
    /// <param name="input">The input.</param>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="cancellationToken">Cancels the look-up and the start.</param>
    /// <returns>Whether this call scheduled the instance, and the existing instance's status when it did not.</returns>
    public static async Task<InstanceStart> StartOnceAsync(
        DurableTaskClient client, TaskName orchestrator, object input, string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return new InstanceStart(instanceId, Started: false, existing.RuntimeStatus);
        }

        try
        {
            var options = new StartOrchestrationOptions(instanceId).WithDedupeStatuses(AnyStatus);
            await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, options, cancellationToken).ConfigureAwait(false);
            return new InstanceStart(instanceId, Started: true, null);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            OrchestrationMetadata? raced = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
            return new InstanceStart(instanceId, Started: false, raced?.RuntimeStatus);
        }
    }
}

/// <summary>The outcome of <see cref="InstanceStarter.StartOnceAsync"/>.</summary>
/// <param name="InstanceId">The instance id.</param>
/// <param name="Started">True when this call scheduled the instance.</param>
/// <param name="ExistingStatus">The status of the instance that already existed, when known.</param>
public readonly record struct InstanceStart(string InstanceId, bool Started, OrchestrationRuntimeStatus? ExistingStatus);
