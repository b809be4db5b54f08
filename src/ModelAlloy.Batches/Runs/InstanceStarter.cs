using DurableTask.Core.Exceptions;

namespace ModelAlloy.Batches.Runs;

/// <summary>
/// Starts an orchestration under a given instance id at most once: the instance is looked up first (a redelivery or a
/// rerun finds what the first start created, in whatever state); the start then asks the backend to refuse an id in
/// any state, closing the gap between look-up and start where the backend honours that, and a refusal counts as
/// success (the instance exists, which is all the caller wanted).
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
    /// <returns>True when this call scheduled the instance; false when it already existed.</returns>
    public static async Task<bool> StartOnceAsync(
        DurableTaskClient client, TaskName orchestrator, object input, string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false) is not null)
        {
            return false;
        }

        try
        {
            var options = new StartOrchestrationOptions(instanceId).WithDedupeStatuses(AnyStatus);
            await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, options, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OrchestrationAlreadyExistsException)
        {
            return false;
        }
    }
}
