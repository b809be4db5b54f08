using Azure;
using ModelAlloy.Durable.Backend;
using ModelAlloy.Durable.History;

namespace ModelAlloy.Durable.AzureStorage;

public sealed partial class AzureStorageOrchestrationBackend
{
    /// <inheritdoc/>
    public async Task<string> CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(commit);
        var id = workItem.InstanceId;
        var held = (OrchestrationLock)workItem.BackendState!;
        try
        {
            // 1. Everything the new history says was sent is sent first; a crash after this only duplicates messages.
            var traceId = held.TraceId;
            await Task.WhenAll(
                commit.Activities.Select(a => _sender.SendAsync(MessageEnvelope.For(a with { TraceId = a.TraceId ?? traceId }), "commit.activities", cancellationToken))
                    .Concat(commit.Messages.Select(m => SendOutboundAsync(m, traceId, cancellationToken)))).ConfigureAwait(false);

            // 2. The history checkpoint, guarded by the sentinel's ETag: exactly one worker can extend a version.
            var state = held.History;
            if (commit.NewEvents.Count > 0 || commit.ReplacesHistory)
            {
                state = await _history.CheckpointAsync(id, state, commit, cancellationToken).ConfigureAwait(false);
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

                known = new KnownInstance(state, etag, commit.Status);
            }

            if (commit.Status.RuntimeStatus.IsTerminal() || held.External || known.InstanceETag is null)
            {
                _known.TryRemove(id, out _);
            }
            else
            {
                _known[id] = known with { History = state };
            }

            // 4. Consumed messages go; deferred ones come back later (their dequeue count bounds them).
            var deferred = commit.DeferredMessages.Select(m => m.MessageId).ToHashSet(StringComparer.Ordinal);
            var (later, done) = Split(held.Messages, m => deferred.Contains(m.Envelope.Message!.MessageId));
            await Task.WhenAll(RedeliverLaterAsync(later, cancellationToken), SettleAsync(done, cancellationToken)).ConfigureAwait(false);
            _inbox.Release(id, held.Messages);

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
    }

    /// <inheritdoc/>
    public async Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, Exception? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var held = (OrchestrationLock)workItem.BackendState!;
        await ReleaseForRetryAsync(workItem.InstanceId, held.Messages, reason).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, OrchestrationMessage result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(result);
        var message = (ReceivedMessage)workItem.BackendState!;
        await _sender.SendAsync(MessageEnvelope.For(result, workItem.Request.TraceId), "activity.result", cancellationToken).ConfigureAwait(false);
        _activityPump.Untrack(message);
        await SettleAsync([message], cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, Exception? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var message = (ReceivedMessage)workItem.BackendState!;
        _activityPump.Untrack(message);
        if (reason is not null)
        {
            _lastErrors[message.Envelope.Id] = $"{reason.GetType().FullName}: {reason.Message}";
        }

        await RedeliverLaterAsync([message], CancellationToken.None).ConfigureAwait(false);
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
    /// trigger is re-sent instead (the trigger deletes the original when the handler returns).
    /// </summary>
    private async Task RedeliverLaterAsync(IReadOnlyList<ReceivedMessage> messages, CancellationToken cancellationToken)
    {
        await Task.WhenAll(messages.Select(async message =>
        {
            var delay = _options.RedeliveryDelay * Math.Min(message.Deliveries, 20);
            if (message.FromTrigger)
            {
                var copy = message.Envelope with { Resends = message.Envelope.Resends + 1, PayloadBlob = null };
                var resend = copy.Message is { } m ? copy with { Message = m with { VisibleAt = Now + delay } } : copy;
                await _sender.SendAsync(resend, "redeliver", cancellationToken).ConfigureAwait(false);
                await SettleAsync([message], cancellationToken).ConfigureAwait(false);
                return;
            }

            try
            {
                var updated = await message.Queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: delay, cancellationToken: cancellationToken).ConfigureAwait(false);
                message.PopReceipt = updated.Value.PopReceipt;
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 400)
            {
                Logs.MessageDeleteFailed(_logger, message.Queue.Name, message.MessageId, ex.Status);
            }
        })).ConfigureAwait(false);
    }

    /// <summary>Deletes consumed messages this backend holds; a trigger's message is deleted by the trigger (or its emulation).</summary>
    private async Task SettleAsync(IReadOnlyList<ReceivedMessage> messages, CancellationToken cancellationToken)
    {
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
        foreach (var message in messages)
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

    private static (List<ReceivedMessage> Matching, List<ReceivedMessage> Others) Split(IReadOnlyList<ReceivedMessage> messages, Func<ReceivedMessage, bool> predicate) =>
        (messages.Where(predicate).ToList(), messages.Where(m => !predicate(m)).ToList());
}
