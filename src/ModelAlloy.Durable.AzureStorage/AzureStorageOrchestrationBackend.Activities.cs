using Azure;
using ModelAlloy.Durable.Backend;
using ModelAlloy.Durable.History;

namespace ModelAlloy.Durable.AzureStorage;

public sealed partial class AzureStorageOrchestrationBackend
{
    /// <inheritdoc/>
    public async Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, OrchestrationMessage result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(result);
        var activity = (PackedActivity)workItem.BackendState!;
        _activityPump.Finish(activity);
        if (!activity.Pack.Message.FromTrigger && !_options.ExternalDelivery && _pumps.ContainsKey(_sender.PartitionOf(result.InstanceId)))
        {
            // We run the orchestration too: hand the result over in memory. The request's message stays (invisible,
            // renewed) until the episode that records the result has committed; a crash before that re-runs it.
            _inbox.Add(new ReceivedMessage(activity.Pack.Message.Queue, "local-" + Guid.NewGuid().ToString("N"), "", 0,
                MessageEnvelope.For(result, workItem.Request.TraceId)) { LocalResultOf = activity });
            return;
        }

        if (activity.Pack.Message.FromTrigger)
        {
            await _sender.SendAsync(MessageEnvelope.For(result, workItem.Request.TraceId), "activity.result", cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _results.SendAsync(result, workItem.Request.TraceId, cancellationToken).ConfigureAwait(false);
        }

        if (_activityPump.Release(activity))
        {
            await SettleAsync([activity.Pack.Message], cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public async Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, Exception? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var activity = (PackedActivity)workItem.BackendState!;
        var message = activity.Pack.Message;
        _activityPump.Finish(activity);
        if (reason is not null)
        {
            _lastErrors[message.Envelope.Id] = $"{reason.GetType().FullName}: {reason.Message}";
        }

        if (activity.Pack.IsSingle && !message.Anchored)
        {
            _activityPump.Release(activity);
            await RedeliverLaterAsync([message], CancellationToken.None).ConfigureAwait(false);
            return;
        }

        // Hand back just this request, so the pack's other requests are not run again. (A request run under an anchor
        // always goes this way: the queue never had it.)
        await _sender.SendAsync(MessageEnvelope.For([activity.Request]) with { Resends = (int)message.Deliveries }, "activity.abandon", CancellationToken.None).ConfigureAwait(false);
        if (_activityPump.Release(activity))
        {
            await SettleAsync([message], CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Groups an episode's activity requests into queue messages: as many as this process has idle activity slots go
    /// in one pack it runs itself; the rest in packs of <see cref="AzureStorageBackendOptions.MaxActivitiesPerMessage"/>
    /// for any worker. Large inputs travel alone. Single-message mode never packs (a trigger hands over one request).
    /// </summary>
    private List<List<ActivityRequest>> PackActivities(List<ActivityRequest> activities, bool external)
    {
        var packs = new List<List<ActivityRequest>>();
        var first = external || _options.ExternalDelivery ? 1 : Math.Max(_activityPump.IdleSlots, _options.MaxActivitiesPerMessage);
        var limit = first;
        var chars = 0;
        foreach (var activity in activities)
        {
            var size = (activity.Input?.Length ?? 0) + 200;
            if (packs.Count == 0 || packs[^1].Count >= limit || chars + size > 20_000)
            {
                limit = packs.Count == 0 ? first : external || _options.ExternalDelivery ? 1 : _options.MaxActivitiesPerMessage;
                packs.Add([]);
                chars = 0;
            }

            packs[^1].Add(activity);
            chars += size;
        }

        return packs;
    }

    /// <summary>A result held in memory must leave this process (partition moved): send it, then release its request.</summary>
    private async Task MakeLocalResultDurableAsync(ReceivedMessage local)
    {
        try
        {
            await _sender.SendAsync(local.Envelope with { Resends = (int)local.Deliveries }, "activity.result", CancellationToken.None).ConfigureAwait(false);
            await SettleAsync([local], CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is DurableStorageException or RequestFailedException or InjectedFaultException)
        {
            // The request's message is still ours and invisible: when it reappears the activity runs again.
            _activityPump.Untrack(local.LocalResultOf!);
        }
    }
}
