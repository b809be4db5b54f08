using Azure;
using Microsoft.Extensions.Logging;

namespace ModelAlloy.Durable.AzureStorage;

/// <summary>
/// Activities this worker runs itself need no request message of their own: a control message the instance consumed
/// (its anchor) is kept, invisible and renewed, instead of being deleted, and the history rows of those tasks are
/// marked unsent. If the worker dies the anchor reappears, and whoever loads the instance re-sends every unsent task
/// without a result. The anchor is deleted once the last task it covers has its result checkpointed (or durable in a
/// queue). A chain step then costs one history write instead of a request send, a history write and a request delete.
/// </summary>
internal sealed class InstanceAnchors(TimeSpan visibility, ILogger logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Anchor> _anchors = new(StringComparer.Ordinal);

    /// <summary>
    /// Reserves the requests (by <see cref="History.ActivityRequest.MessageId"/>) under the instance's anchor, creating it from <paramref name="candidate"/>
    /// when there is none. False (nothing reserved) when there is neither. <paramref name="created"/> says the
    /// candidate became the anchor, so the caller must not delete it.
    /// </summary>
    public bool TryReserve(string instanceId, ReceivedMessage? candidate, IReadOnlyCollection<string> requestIds, out bool created)
    {
        lock (_gate)
        {
            created = false;
            if (!_anchors.TryGetValue(instanceId, out var anchor))
            {
                if (candidate is null)
                {
                    return false;
                }

                anchor = new Anchor(candidate);
                _anchors[instanceId] = anchor;
                created = true;
            }

            anchor.Tasks.UnionWith(requestIds);
            return true;
        }
    }

    /// <summary>
    /// Undoes a reservation whose tasks were never handed to the activity pump (the commit failed). An anchor this
    /// reservation created is dropped without being deleted: its message goes back with the failed batch.
    /// </summary>
    public ReceivedMessage? Unreserve(string instanceId, IReadOnlyCollection<string> requestIds, bool created)
    {
        if (!created)
        {
            return Release(instanceId, requestIds);
        }

        lock (_gate)
        {
            _anchors.Remove(instanceId);
            return null;
        }
    }

    /// <summary>
    /// The tasks' results are checkpointed or durable in a queue: returns the anchor's message when it covers nothing
    /// more (the caller deletes it), else null.
    /// </summary>
    public ReceivedMessage? Release(string instanceId, IEnumerable<string> requestIds)
    {
        lock (_gate)
        {
            if (!_anchors.TryGetValue(instanceId, out var anchor))
            {
                return null;
            }

            anchor.Tasks.ExceptWith(requestIds);
            return RemoveIfDone(instanceId, anchor);
        }
    }

    /// <summary>True when an unsent request (by <see cref="History.ActivityRequest.MessageId"/>) is reserved here: running, or about to run, in this process.</summary>
    public bool IsRunningHere(string instanceId, string requestId)
    {
        lock (_gate)
        {
            return _anchors.TryGetValue(instanceId, out var anchor) && anchor.Tasks.Contains(requestId);
        }
    }

    /// <summary>
    /// True when <paramref name="message"/> is the instance's anchor, received again (its visibility ran out before a
    /// renewal): the anchor takes the new receipt and the message must not be deleted as consumed.
    /// </summary>
    public bool Absorb(ReceivedMessage message)
    {
        lock (_gate)
        {
            if (!_anchors.TryGetValue(message.Envelope.InstanceId, out var anchor) || anchor.Message.MessageId != message.MessageId || ReferenceEquals(anchor.Message, message))
            {
                return false;
            }

            anchor.Message.PopReceipt = message.PopReceipt;
            anchor.RenewedAt = DateTime.UtcNow;
            return true;
        }
    }

    /// <summary>Keeps every anchor invisible, renewing it at half its visibility timeout, until stopped.</summary>
    public async Task RenewLoopAsync(CancellationToken cancellationToken)
    {
        var half = visibility / 2;
        var tick = TimeSpan.FromTicks(Math.Clamp(half.Ticks / 4, TimeSpan.FromMilliseconds(100).Ticks, TimeSpan.FromSeconds(2).Ticks));
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(tick, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            List<Anchor> due;
            lock (_gate)
            {
                due = [.. _anchors.Values.Where(a => DateTime.UtcNow - a.RenewedAt >= half)];
            }

            foreach (var anchor in due)
            {
                await RenewAsync(anchor, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task RenewAsync(Anchor anchor, CancellationToken cancellationToken)
    {
        var message = anchor.Message;
        try
        {
            var updated = await message.Queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: visibility, cancellationToken: cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                message.PopReceipt = updated.Value.PopReceipt;
                anchor.RenewedAt = DateTime.UtcNow;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or AggregateException)
        {
            // Deleted meanwhile, or storage is down: if it reappears, it is absorbed or recovers the unsent tasks.
            Logs.AnchorRenewFailed(logger, message.Envelope.InstanceId, ex.Message);
        }
    }

    private ReceivedMessage? RemoveIfDone(string instanceId, Anchor anchor)
    {
        if (anchor.Tasks.Count > 0)
        {
            return null;
        }

        _anchors.Remove(instanceId);
        return anchor.Message;
    }

    private sealed class Anchor(ReceivedMessage message)
    {
        public ReceivedMessage Message { get; } = message;

        public HashSet<string> Tasks { get; } = new(StringComparer.Ordinal);

        /// <summary>When its visibility was last set; received messages count from when they were taken.</summary>
        public DateTime RenewedAt { get; set; } = message.ReceivedAt;
    }
}
