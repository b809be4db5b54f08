using ModelAlloy.Durable.Backend;
using ModelAlloy.Durable.History;

namespace ModelAlloy.Durable.AzureStorage;

public sealed partial class AzureStorageOrchestrationBackend
{
    /// <inheritdoc/>
    public async Task<bool> CreateInstanceAsync(OrchestrationMessage startMessage, InstanceIdReusePolicy reuse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(startMessage);
        var started = startMessage.Event as ExecutionStarted
            ?? throw new ArgumentException("A start message must carry an ExecutionStarted event.", nameof(startMessage));
        await _storage.EnsureCreatedAsync().ConfigureAwait(false);
        var id = startMessage.InstanceId;
        var (created, record, etag) = await _instances.TryInsertAsync(id, started, cancellationToken).ConfigureAwait(false);
        if (!created)
        {
            if (record!.RuntimeStatus == OrchestrationRuntimeStatus.Pending)
            {
                await ResendLostStartAsync(id, cancellationToken).ConfigureAwait(false);
            }

            if (reuse == InstanceIdReusePolicy.ReturnExisting)
            {
                return false;
            }

            if (reuse == InstanceIdReusePolicy.ThrowIfExists || !record!.RuntimeStatus.IsTerminal()
                || !await ReplaceFinishedAsync(id, started, etag, cancellationToken).ConfigureAwait(false))
            {
                throw new DurableTaskException(DurableErrorCodes.InstanceAlreadyExists,
                    $"An instance with id '{id}' already exists and is {record!.RuntimeStatus}.");
            }
        }

        if (created && !_options.ExternalDelivery && _pumps.ContainsKey(_sender.PartitionOf(id)))
        {
            // This worker owns the new instance's partition: its first episode needs no storage read, and status
            // reads before it (a client waiting for completion) are served from the row just written.
            _known[id] = new KnownInstance(HistoryState.Empty, etag, null, record! with { Input = started.Input }, Events: []);
        }

        try
        {
            await _sender.SendAsync(MessageEnvelope.For(startMessage, started.TraceId), "create.message", cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (created)
        {
            // Without its start message the instance would sit in Pending forever: take the row back.
            await _instances.DeleteAsync(id, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        return true;
    }

    /// <summary>
    /// A client that died between writing an instance's row and sending its start message left it Pending with no
    /// message to start it. Creating the id again (a retry, typically with <see cref="InstanceIdReusePolicy.ReturnExisting"/>)
    /// sends the start message again, rebuilt from the row: if the first one exists after all, whichever arrives
    /// second is discarded as a duplicate start. Not done once an episode has run, nor for a sub-orchestration (its
    /// parent's retried episode sends its start).
    /// </summary>
    private async Task ResendLostStartAsync(string instanceId, CancellationToken cancellationToken)
    {
        if ((await _history.ReadStateAsync(instanceId, cancellationToken).ConfigureAwait(false)).ETag is not null
            || await _instances.GetRowAsync(instanceId, cancellationToken).ConfigureAwait(false) is not { } row
            || row.GetString("RuntimeStatus") != nameof(OrchestrationRuntimeStatus.Pending)
            || !string.IsNullOrEmpty(row.GetString("ParentInstanceId")))
        {
            return;
        }

        var record = await InstanceEntityMapper.ToRecordAsync(row, includePayloads: true, _payloads, cancellationToken).ConfigureAwait(false);
        var started = new ExecutionStarted(record.Name, record.Version, record.Input, record.ExecutionId, ScheduledStartTime: record.ScheduledStartAt, TraceId: row.GetString("TraceId") is { Length: > 0 } trace ? trace : null)
        {
            Timestamp = record.CreatedAt,
        };
        var visibleAt = record.ScheduledStartAt > Now ? record.ScheduledStartAt : null;
        var message = new OrchestrationMessage(instanceId, record.ExecutionId, started, $"{instanceId}|{record.ExecutionId}|start", visibleAt);
        await _sender.SendAsync(MessageEnvelope.For(message, started.TraceId), "create.message", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task SendMessageAsync(OrchestrationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (await _instances.GetRowAsync(message.InstanceId, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new DurableTaskException(DurableErrorCodes.InstanceNotFound, $"No orchestration instance has the id '{message.InstanceId}'.");
        }

        await _sender.SendAsync(MessageEnvelope.For(message, null), "send", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<InstanceRecord?> GetInstanceAsync(string instanceId, bool includeHistory, CancellationToken cancellationToken)
    {
        await _storage.EnsureCreatedAsync().ConfigureAwait(false);
        _known.TryGetValue(instanceId, out var known);
        if (known?.Record is { } cached && (!includeHistory || known.Events is not null))
        {
            // This worker owns the partition and is the only writer of this running instance: its copy is current.
            return includeHistory ? cached with { History = known.Events } : cached;
        }

        _options.RequestCounter.CountClientStatusRead();
        var record = await _instances.GetAsync(instanceId, includePayloads: true, cancellationToken).ConfigureAwait(false);
        if (known is not null && record is not null && !record.RuntimeStatus.IsTerminal())
        {
            _known.TryUpdate(instanceId, known with { Record = record }, known);
        }

        if (record is null || !includeHistory)
        {
            return record;
        }

        var (_, events) = await _history.LoadAsync(instanceId, cancellationToken).ConfigureAwait(false);
        return record with { History = events };
    }

    /// <inheritdoc/>
    public async Task<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await _storage.EnsureCreatedAsync().ConfigureAwait(false);
        return await _instances.QueryAsync(query, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        await _storage.EnsureCreatedAsync().ConfigureAwait(false);
        if (await _instances.GetRowAsync(instanceId, cancellationToken).ConfigureAwait(false) is null)
        {
            return false;
        }

        // The instance row goes last: a purge interrupted half-way still finds the instance and finishes on retry.
        _known.TryRemove(instanceId, out _);
        await _history.DeleteAllAsync(instanceId, cancellationToken).ConfigureAwait(false);
        await _payloads.DeleteInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        await _poison.DeleteInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        await _instances.DeleteAsync(instanceId, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc/>
    public async Task<int> PurgeInstancesAsync(PurgeFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await _storage.EnsureCreatedAsync().ConfigureAwait(false);
        var purged = 0;
        foreach (var id in await _instances.FindPurgeableAsync(filter, cancellationToken).ConfigureAwait(false))
        {
            purged += await PurgeInstanceAsync(id, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        return purged;
    }

    private async Task<bool> ReplaceFinishedAsync(string instanceId, ExecutionStarted started, Azure.ETag etag, CancellationToken cancellationToken)
    {
        // Reset the history first: if we crash before the row is replaced, the old instance still reads as finished.
        await _history.ResetAsync(instanceId, cancellationToken).ConfigureAwait(false);
        _known.TryRemove(instanceId, out _);
        return await _instances.TryReplaceAsync(instanceId, started, etag, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates a sub-orchestration's instance row before its start message is sent (idempotent on redelivery).</summary>
    private async Task EnsureChildInstanceAsync(OrchestrationMessage message, CancellationToken cancellationToken)
    {
        if (message.Event is not ExecutionStarted started)
        {
            return;
        }

        var (created, existing, etag) = await _instances.TryInsertAsync(message.InstanceId, started, cancellationToken).ConfigureAwait(false);
        if (!created && existing!.ExecutionId != started.ExecutionId && existing.RuntimeStatus.IsTerminal())
        {
            await ReplaceFinishedAsync(message.InstanceId, started, etag, cancellationToken).ConfigureAwait(false);
        }
    }
}
