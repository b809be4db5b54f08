using ModelAlloy.Durable.Backend;
using ModelAlloy.Durable.History;

namespace ModelAlloy.Durable;

public sealed partial class DurableTaskClient
{
    /// <summary>
    /// Sends an external event. Allowed while the instance is pending, running or suspended (it is buffered until
    /// awaited); a finished instance or an unknown id gets a <see cref="DurableTaskException"/>.
    /// </summary>
    public async Task RaiseEventAsync(string instanceId, string eventName, object? payload = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        await RequireActiveAsync(instanceId, $"raise event '{eventName}'", cancellationToken).ConfigureAwait(false);
        var messageId = Guid.NewGuid().ToString("N");
        var raised = new EventRaised(eventName, _converter.Serialize(payload), messageId) { Timestamp = _time.GetUtcNow().UtcDateTime };
        await _backend.SendMessageAsync(new OrchestrationMessage(instanceId, null, raised, messageId), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Terminates a pending, running or suspended instance; a no-op when it already finished. Unknown ids throw.</summary>
    public async Task TerminateInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
    {
        var state = await RequireExistingAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (state.RuntimeStatus.IsTerminal())
        {
            return;
        }

        await SendControlAsync(instanceId, new ExecutionTerminated(reason), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Suspends a running instance: incoming events wait until it is resumed.</summary>
    public async Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
    {
        await RequireActiveAsync(instanceId, "suspend", cancellationToken).ConfigureAwait(false);
        await SendControlAsync(instanceId, new ExecutionSuspended(reason), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Resumes a suspended instance.</summary>
    public async Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
    {
        await RequireActiveAsync(instanceId, "resume", cancellationToken).ConfigureAwait(false);
        await SendControlAsync(instanceId, new ExecutionResumed(reason), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes a finished instance: history, state, messages and stored payloads. Returns false when the id does not exist;
    /// throws for an instance that has not finished (terminate it first).
    /// </summary>
    public async Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        InstanceIdRules.Validate(instanceId);
        var state = await _backend.GetInstanceAsync(instanceId, includeHistory: false, cancellationToken).ConfigureAwait(false);
        if (state is null)
        {
            return false;
        }

        if (!state.RuntimeStatus.IsTerminal())
        {
            throw new DurableTaskException(DurableErrorCodes.InvalidInstanceState,
                $"Instance '{instanceId}' is {state.RuntimeStatus}; only finished instances can be purged. Terminate it first.");
        }

        return await _backend.PurgeInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes every finished instance matching the filter and returns how many were deleted.</summary>
    public Task<int> PurgeInstancesAsync(PurgeFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Statuses?.Any(s => !s.IsTerminal()) == true)
        {
            throw new ArgumentException("A purge filter may only name finished statuses (Completed, Failed, Terminated).", nameof(filter));
        }

        return _backend.PurgeInstancesAsync(filter, cancellationToken);
    }

    private Task SendControlAsync(string instanceId, HistoryEvent control, CancellationToken cancellationToken) =>
        _backend.SendMessageAsync(
            new OrchestrationMessage(instanceId, null, control with { Timestamp = _time.GetUtcNow().UtcDateTime }, Guid.NewGuid().ToString("N")),
            cancellationToken);

    private async Task<InstanceRecord> RequireExistingAsync(string instanceId, CancellationToken cancellationToken)
    {
        InstanceIdRules.Validate(instanceId);
        return await _backend.GetInstanceAsync(instanceId, includeHistory: false, cancellationToken).ConfigureAwait(false)
            ?? throw NotFound(instanceId);
    }

    private async Task RequireActiveAsync(string instanceId, string operation, CancellationToken cancellationToken)
    {
        var state = await RequireExistingAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (state.RuntimeStatus.IsTerminal())
        {
            throw new DurableTaskException(DurableErrorCodes.InvalidInstanceState,
                $"Cannot {operation} on instance '{instanceId}': it is {state.RuntimeStatus}. Only pending, running or suspended instances accept it.");
        }
    }
}
