using DurableTask.Core.Exceptions;

namespace ModelAlloy.Functions.Starters;

/// <summary>
/// Starts an orchestration under a given instance id at most once. The instance is looked up first (a redelivered
/// message finds the instance its first delivery started, whatever its state); the start then asks the backend to
/// refuse an id in any state, closing the gap between the look-up and the start where the backend honours that,
/// and a refusal counts as success: the instance exists, which is all the caller wanted.
/// </summary>
internal static class SingleStart
{
    private static readonly OrchestrationRuntimeStatus[] AnyStatus = [.. StartOrchestrationOptionsExtensions.ValidDedupeStatuses];

    /// <summary>Schedules <paramref name="orchestrator"/> as <paramref name="instanceId"/> unless that instance exists.</summary>
    /// <param name="client">The client.</param>
    /// <param name="orchestrator">The orchestrator.</param>
    /// <param name="input">The input.</param>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="cancellationToken">Cancels the look-up and the start.</param>
    /// <returns>Whether this call started it, and the existing instance's status when it did not.</returns>
    public static async Task<SingleStartResult> ScheduleAsync(
        DurableTaskClient client, TaskName orchestrator, object input, string instanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return new SingleStartResult(instanceId, Started: false, existing.RuntimeStatus);
        }

        try
        {
            var options = new StartOrchestrationOptions(instanceId).WithDedupeStatuses(AnyStatus);
            await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, options, cancellationToken).ConfigureAwait(false);
            return new SingleStartResult(instanceId, Started: true, null);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            OrchestrationMetadata? raced = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
            return new SingleStartResult(instanceId, Started: false, raced?.RuntimeStatus);
        }
    }
}

/// <summary>The outcome of <see cref="SingleStart.ScheduleAsync"/>.</summary>
/// <param name="InstanceId">The instance id.</param>
/// <param name="Started">True when this call scheduled the instance.</param>
/// <param name="ExistingStatus">The status of the instance that already existed, when known.</param>
internal readonly record struct SingleStartResult(string InstanceId, bool Started, OrchestrationRuntimeStatus? ExistingStatus);
