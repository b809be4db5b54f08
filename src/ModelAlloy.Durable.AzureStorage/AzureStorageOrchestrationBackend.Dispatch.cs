using ModelAlloy.Durable.Backend;
using ModelAlloy.Durable.History;

namespace ModelAlloy.Durable.AzureStorage;

public sealed partial class AzureStorageOrchestrationBackend
{
    /// <summary>How long one poll call waits for work before returning null (the worker simply polls again).</summary>
    private static readonly TimeSpan PollCallLimit = TimeSpan.FromSeconds(1);

    /// <inheritdoc/>
    public async Task<OrchestrationWorkItem?> LockNextOrchestrationWorkItemAsync(CancellationToken cancellationToken)
    {
        await EnsureStartedAsync().ConfigureAwait(false);
        var deadline = Now + PollCallLimit;
        while (true)
        {
            if (_inbox.TryLockNext(out var instanceId, out var batch))
            {
                try
                {
                    if (await BuildWorkItemAsync(instanceId, batch, external: false, cancellationToken).ConfigureAwait(false) is { } workItem)
                    {
                        return workItem;
                    }
                }
                catch
                {
                    await ReleaseForRetryAsync(instanceId, batch, null).ConfigureAwait(false);
                    throw;
                }

                continue;
            }

            var remaining = deadline - Now;
            if (remaining <= TimeSpan.Zero)
            {
                return null;
            }

            await _inbox.WaitAsync(remaining, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <inheritdoc/>
    public async Task<ActivityWorkItem?> LockNextActivityWorkItemAsync(CancellationToken cancellationToken)
    {
        await EnsureStartedAsync().ConfigureAwait(false);
        var deadline = Now + PollCallLimit;
        while (Now < deadline)
        {
            var activity = await _activityPump.TakeAsync(deadline - Now, cancellationToken).ConfigureAwait(false);
            if (activity is null)
            {
                return null;
            }

            if (await ToActivityWorkItemAsync(activity, cancellationToken).ConfigureAwait(false) is { } workItem)
            {
                return workItem;
            }
        }

        return null;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<HistoryEvent>> LoadHistoryAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        if (workItem.History is { } loaded)
        {
            return loaded;
        }

        var held = (OrchestrationLock)workItem.BackendState!;
        if (held.Events is { } cached && held.History.Version == workItem.HistoryVersion)
        {
            return cached;
        }

        var (state, events) = await _history.LoadAsync(workItem.InstanceId, cancellationToken).ConfigureAwait(false);
        held.History = state;
        held.Events = [.. events];
        return events;
    }

    /// <summary>
    /// Turns a locked batch into a work item. Returns null (after settling the messages) when the batch was poison
    /// or its instance no longer exists.
    /// </summary>
    private async Task<OrchestrationWorkItem?> BuildWorkItemAsync(string instanceId, IReadOnlyList<ReceivedMessage> batch, bool external, CancellationToken cancellationToken)
    {
        // An anchor received again (its renewal came too late) is not failing, however often it was delivered.
        var poisoned = batch.Where(m => (m.Deliveries > _options.MaxDequeueCount || DeferredTooLong(m)) && !_anchors.Absorb(m)).ToArray();
        if (poisoned.Length > 0)
        {
            await FailByPoisonAsync(instanceId, batch, poisoned, cancellationToken).ConfigureAwait(false);
            return null;
        }

        var messages = batch.SelectMany(m => m.Envelope.Messages!).ToArray();
        HistoryState state;
        IReadOnlyList<HistoryEvent>? history = null;
        KnownInstance? known = null;
        if (!external && _known.TryGetValue(instanceId, out known))
        {
            // This worker owns the partition and wrote the last checkpoint: nothing to read.
            state = known.History;
        }
        else if (external)
        {
            state = await _history.ReadStateAsync(instanceId, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            (state, var events, var unsent) = await _history.LoadWithUnsentAsync(instanceId, cancellationToken).ConfigureAwait(false);
            history = events;
            await RecoverUnsentAsync(instanceId, state, events, unsent, messages, batch.Select(m => m.Envelope.TraceId).FirstOrDefault(t => t is not null), cancellationToken).ConfigureAwait(false);
        }

        if (state.ETag is null && !messages.Any(m => m.Event is ExecutionStarted)
            && await _instances.GetRowAsync(instanceId, cancellationToken).ConfigureAwait(false) is null)
        {
            foreach (var message in batch)
            {
                Logs.OrphanMessageDropped(_logger, instanceId, message.Envelope.Id);
            }

            await SettleAsync(batch, cancellationToken).ConfigureAwait(false);
            _inbox.Release(instanceId, batch);
            return null;
        }

        return new OrchestrationWorkItem
        {
            InstanceId = instanceId,
            NewMessages = messages,
            DeliveryCount = (int)batch.Max(m => m.Deliveries),
            HistoryVersion = state.Version,
            History = history,
            BackendState = new OrchestrationLock(batch, state, known, external) { Events = history is null ? known?.Events : [.. history] },
        };
    }

    private async Task<ActivityWorkItem?> ToActivityWorkItemAsync(PackedActivity activity, CancellationToken cancellationToken)
    {
        var message = activity.Pack.Message;
        if (message.Deliveries > _options.MaxDequeueCount)
        {
            await FailActivityByPoisonAsync(activity, cancellationToken).ConfigureAwait(false);
            return null;
        }

        return new ActivityWorkItem
        {
            InstanceId = activity.Request.InstanceId,
            Request = activity.Request,
            DeliveryCount = (int)message.Deliveries,
            BackendState = activity,
        };
    }
}
