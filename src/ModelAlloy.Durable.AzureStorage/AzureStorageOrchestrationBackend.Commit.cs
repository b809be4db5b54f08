using Azure;
using ModelAlloy.Durable.Backend;
using ModelAlloy.Durable.History;

namespace ModelAlloy.Durable.AzureStorage;

public sealed partial class AzureStorageOrchestrationBackend
{
    /// <summary>Longest wait between two deliveries of a deferred message.</summary>
    private static readonly TimeSpan MaxDeferralDelay = TimeSpan.FromSeconds(2);

    /// <inheritdoc/>
    public async Task<string> CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(commit);
        var id = workItem.InstanceId;
        var held = (OrchestrationLock)workItem.BackendState!;
        var traceId = held.TraceId;
        var activities = commit.Activities.Select(a => a with { TraceId = a.TraceId ?? traceId }).ToList();
        var plan = PlanAnchoredActivities(id, held, activities, commit.DeferredMessages);
        var handedOver = false;
        try
        {
            // 1. Everything the new history says was sent is sent first; a crash after this only duplicates messages.
            //    Requests run here under an anchor are not sent: the anchor stays until their results are checkpointed.
            var sent = plan is null ? activities : activities.Skip(plan.Requests.Count).ToList();
            await Task.WhenAll(
                PackActivities(sent, held.External).Select(p => _sender.SendAsync(MessageEnvelope.For(p), "commit.activities", cancellationToken))
                    .Concat(commit.Messages.Select(m => SendOutboundAsync(m, traceId, cancellationToken)))).ConfigureAwait(false);

            // 2. The history checkpoint, guarded by the sentinel's ETag: exactly one worker can extend a version.
            var state = held.History;
            if (commit.NewEvents.Count > 0 || commit.ReplacesHistory)
            {
                state = await _history.CheckpointAsync(id, state, commit, cancellationToken, unsentTasks: plan?.TaskIds).ConfigureAwait(false);
            }

            // 3. The status, guarded by the instance row's ETag and the checkpoint sequence: never older than stored.
            //    Skipped when only the update time would change (the status then shows the last real change).
            var known = held.Known;
            if (known is null || !known.StatusUnchanged(commit.Status))
            {
                var etag = await _instances.UpdateStatusAsync(id, commit.ExecutionId, state.Sequence, commit.Status, held.InstanceETag, cancellationToken).ConfigureAwait(false);
                if (etag is null)
                {
                    Logs.StaleStatusSkipped(_logger, id, state.Sequence);
                }

                known = new KnownInstance(state, etag, commit.Status, known?.Record);
            }

            if (commit.Status.RuntimeStatus.IsTerminal() || held.External || known.InstanceETag is null)
            {
                _known.TryRemove(id, out _);
            }
            else
            {
                var events = commit.ReplacesHistory ? [.. commit.NewEvents] : held.Events?.AddRange(commit.NewEvents);
                _known[id] = known with { History = state, Record = known.Advance(commit.Status, commit.ExecutionId), Events = events };
            }

            if (plan is not null)
            {
                OfferAnchored(plan);
                handedOver = true;
            }

            // 4. Consumed messages go (but not one that became or is the anchor); deferred ones come back later. The
            //    instance is unlocked first: its history and status are committed, so the next episode need not wait.
            if (held.TryMarkReleased())
            {
                _inbox.Release(id, held.Messages);
            }

            var consumed = held.Messages.Where(m => !ReferenceEquals(m, plan?.CreatedFrom) && !_anchors.Absorb(m)).ToList();
            await ConsumeAsync(consumed, commit.DeferredMessages, cancellationToken).ConfigureAwait(false);

            if (commit.ReplacesHistory)
            {
                await CompactQuietlyAsync(id, commit.ExecutionId).ConfigureAwait(false);
            }

            return state.Version ?? "";
        }
        catch (CheckpointConflictException)
        {
            Logs.CheckpointConflict(_logger, id);
            _known.TryRemove(id, out _);
            throw;
        }
        finally
        {
            if (plan is not null && !handedOver)
            {
                AbandonPlan(id, plan);
            }
        }
    }

    /// <inheritdoc/>
    public async Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, Exception? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var held = (OrchestrationLock)workItem.BackendState!;
        if (held.TryMarkReleased())
        {
            await ReleaseForRetryAsync(workItem.InstanceId, held.Messages, reason).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Deletes consumed messages; deferred ones come back later. A queue message carrying both (a batch of results)
    /// is split: the deferred part is re-sent (counting its deliveries), then the message is deleted.
    /// </summary>
    private async Task ConsumeAsync(IReadOnlyList<ReceivedMessage> messages, IReadOnlyList<OrchestrationMessage> deferred, CancellationToken cancellationToken)
    {
        var deferredIds = deferred.Select(m => m.MessageId).ToHashSet(StringComparer.Ordinal);
        var later = new List<ReceivedMessage>();
        var done = new List<ReceivedMessage>();
        var resends = new List<Task>();
        foreach (var message in messages)
        {
            var parts = message.Envelope.Messages!;
            var kept = parts.Where(m => deferredIds.Contains(m.MessageId)).ToArray();
            if (kept.Length == parts.Count)
            {
                later.Add(message);
                continue;
            }

            if (kept.Length > 0)
            {
                // A deferral is not a delivery: the copy keeps the delivery count (its own receive adds one back).
                var rest = message.Envelope with { Messages = kept, Resends = (int)message.Deliveries - 1, PayloadBlob = null, DeferredSince = message.DeferredSince ?? Now };
                resends.Add(_sender.SendAsync(rest with { Messages = [.. kept.Select(k => k with { VisibleAt = Now + _options.RedeliveryDelay })] }, "commit.defer", cancellationToken));
            }

            done.Add(message);
        }

        await Task.WhenAll(resends).ConfigureAwait(false);
        await Task.WhenAll(RedeliverLaterAsync(later, cancellationToken, deferred: true), SettleAsync(done, cancellationToken)).ConfigureAwait(false);
    }

    private async Task SendOutboundAsync(OrchestrationMessage message, string? traceId, CancellationToken cancellationToken)
    {
        await EnsureChildInstanceAsync(message, cancellationToken).ConfigureAwait(false);
        await _sender.SendAsync(MessageEnvelope.For(message, traceId), "commit.messages", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Puts a batch back for a later episode: after an abandon, a conflict or a failure before the work item was built.</summary>
    private async Task ReleaseForRetryAsync(string instanceId, IReadOnlyList<ReceivedMessage> messages, Exception? reason)
    {
        _known.TryRemove(instanceId, out _);
        if (reason is not null and not CheckpointConflictException)
        {
            foreach (var message in messages)
            {
                _lastErrors[message.Envelope.Id] = $"{reason.GetType().FullName}: {reason.Message}";
            }
        }

        try
        {
            await RedeliverLaterAsync(messages, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _inbox.Release(instanceId, messages);
        }
    }

    /// <summary>
    /// Makes messages visible again after a delay growing with their deliveries. A message handed over by a queue
    /// trigger is re-sent instead (the trigger deletes the original when the handler returns). A
    /// <paramref name="deferred"/> message (it overtook its task's checkpoint) is not failing: its delivery count
    /// stays, its wait grows with how long it has waited, and <see cref="AzureStorageBackendOptions.DeferredMessageTimeout"/> bounds it.
    /// </summary>
    private async Task RedeliverLaterAsync(IReadOnlyList<ReceivedMessage> messages, CancellationToken cancellationToken, bool deferred = false)
    {
        await Task.WhenAll(messages.Select(async message =>
        {
            var delay = _options.RedeliveryDelay * Math.Min(message.Deliveries, 20);
            if (deferred)
            {
                message.DeferredSince ??= Now;
                delay = TimeSpan.FromTicks(Math.Clamp((Now - message.DeferredSince.Value).Ticks / 4, _options.RedeliveryDelay.Ticks, MaxDeferralDelay.Ticks));
            }

            if (message.FromTrigger)
            {
                var copy = message.Envelope with { Resends = (int)message.Deliveries - (deferred ? 1 : 0), PayloadBlob = null, DeferredSince = message.DeferredSince };
                var resend = copy.Messages is { } parts ? copy with { Messages = [.. parts.Select(m => m with { VisibleAt = Now + delay })] } : copy;
                await _sender.SendAsync(resend, "redeliver", cancellationToken).ConfigureAwait(false);
                await SettleAsync([message], cancellationToken, forgetErrors: false).ConfigureAwait(false);
                return;
            }

            if (message.LocalResultOf is not null && !_pumps.ContainsKey(_sender.PartitionOf(message.Envelope.InstanceId)))
            {
                await MakeLocalResultDurableAsync(message).ConfigureAwait(false);
                return;
            }

            if (!message.Envelope.IsActivity && _pumps.ContainsKey(_sender.PartitionOf(message.Envelope.InstanceId)))
            {
                // We still hold it (invisible) and own its partition: bring it back here, without a storage request.
                message.LocalRedeliveries += deferred ? 0 : 1;
                _ = Task.Delay(delay, CancellationToken.None).ContinueWith(_ => _inbox.Add(message), TaskScheduler.Default);
                return;
            }

            try
            {
                // (A deferral that goes back to the queue counts as a delivery when received again: rare, as this worker
                // no longer owns the partition, and bounded by MaxDequeueCount like any delivery.)
                // Visibility is counted in whole seconds by the service; under one second would be "now".
                var visibility = delay < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : delay;
                var updated = await message.Queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: visibility, cancellationToken: cancellationToken).ConfigureAwait(false);
                message.PopReceipt = updated.Value.PopReceipt;
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 400)
            {
                Logs.MessageDeleteFailed(_logger, message.Queue.Name, message.MessageId, ex.Status);
            }
        })).ConfigureAwait(false);
    }

    /// <summary>Deletes consumed messages this backend holds; a trigger's message is deleted by the trigger (or its emulation).</summary>
    private async Task SettleAsync(IReadOnlyList<ReceivedMessage> messages, CancellationToken cancellationToken, bool forgetErrors = true)
    {
        // Requests run under an anchor are done: once an anchor covers nothing more, it goes too.
        var freed = messages.Where(m => m.Anchored)
            .Select(m => _anchors.Release(m.Envelope.InstanceId, m.Envelope.Activities!.Select(a => a.MessageId)))
            .OfType<ReceivedMessage>().ToList();
        if (freed.Count > 0)
        {
            messages = [.. messages, .. freed];
        }

        foreach (var local in messages.Where(m => m.LocalResultOf is not null))
        {
            // The result is checkpointed (or the instance is gone): its request is done at last.
            var activity = local.LocalResultOf!;
            if (_activityPump.Release(activity))
            {
                await SettleAsync([activity.Pack.Message], cancellationToken).ConfigureAwait(false);
            }
        }

        await Task.WhenAll(messages.Where(m => m.OwnedByBackend).Select(async message =>
        {
            _options.Faults.BeforeWrite("commit.consume");
            try
            {
                await message.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 400)
            {
                // Visibility expired and someone else holds it now: it will be discarded as a duplicate.
                Logs.MessageDeleteFailed(_logger, message.Queue.Name, message.MessageId, ex.Status);
            }
        })).ConfigureAwait(false);
        foreach (var message in forgetErrors ? messages : [])
        {
            _lastErrors.TryRemove(message.Envelope.Id, out _);
        }
    }

    private async Task CompactQuietlyAsync(string instanceId, string executionId)
    {
        try
        {
            await _history.DeleteStaleRowsAsync(instanceId, executionId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is DurableStorageException or InjectedFaultException)
        {
            // Rows of old executions are invisible (the sentinel names the current one); purge removes them later.
        }
    }
}
