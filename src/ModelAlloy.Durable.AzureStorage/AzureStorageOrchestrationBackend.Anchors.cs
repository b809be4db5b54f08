using ModelAlloy.Durable.History;

namespace ModelAlloy.Durable.AzureStorage;

public sealed partial class AzureStorageOrchestrationBackend
{
    /// <summary>
    /// Chooses the episode's activity requests this worker runs itself without a queue message, and reserves them
    /// under the instance's anchor (an existing one, or a control message of the batch that then is not deleted).
    /// Null when none qualify: single-message mode, a partition this worker does not own, no idle activity slot, or
    /// no message to anchor them to.
    /// </summary>
    private AnchorPlan? PlanAnchoredActivities(string instanceId, OrchestrationLock held, IReadOnlyList<ActivityRequest> activities, IReadOnlyList<OrchestrationMessage> deferred)
    {
        if (!_options.AnchorLocalActivities || activities.Count == 0 || held.External || _options.ExternalDelivery || _running is null
            || !_pumps.ContainsKey(_sender.PartitionOf(instanceId)))
        {
            return null;
        }

        var idle = _activityPump.IdleSlots;
        if (idle == 0)
        {
            return null;
        }

        var requests = activities.Take(Math.Max(idle, _options.MaxActivitiesPerMessage)).ToArray();
        var deferredIds = deferred.Select(m => m.MessageId).ToHashSet(StringComparer.Ordinal);
        var candidate = held.Messages.FirstOrDefault(m =>
            m.OwnedByBackend && !m.FromTrigger && m.LocalResultOf is null && m.Envelope.Messages is { } parts && m.Envelope.InstanceId == instanceId
            && !parts.Any(p => deferredIds.Contains(p.MessageId)));
        var plan = new AnchorPlan(requests, null);
        return _anchors.TryReserve(instanceId, candidate, plan.RequestIds, out var created) ? plan with { CreatedFrom = created ? candidate : null } : null;
    }

    /// <summary>The checkpoint recording the plan's tasks (as unsent) is written: run them here.</summary>
    private void OfferAnchored(AnchorPlan plan) =>
        _activityPump.Offer(new ReceivedMessage(_storage.WorkItems, "anchored-" + Guid.NewGuid().ToString("N"), "", 0, MessageEnvelope.For(plan.Requests)) { Anchored = true });

    /// <summary>The commit failed before the plan's tasks were handed over: undo the reservation.</summary>
    private void AbandonPlan(string instanceId, AnchorPlan plan)
    {
        if (_anchors.Unreserve(instanceId, plan.RequestIds, created: plan.CreatedFrom is not null) is { } freed)
        {
            _ = SettleAsync([freed], CancellationToken.None);
        }
    }

    /// <summary>
    /// An instance loaded from storage may have tasks whose requests were never sent and whose worker is gone (it
    /// crashed, or lost the partition): sends each one without a result yet, unless it runs in this process, and
    /// records that they were sent. Their anchor is in the batch being processed, or was consumed before the crash
    /// after a result of every task it covered was checkpointed.
    /// </summary>
    private async Task RecoverUnsentAsync(
        string instanceId, HistoryState state, IReadOnlyList<HistoryEvent> events, IReadOnlyList<TaskScheduled> unsent,
        IReadOnlyList<OrchestrationMessage> arriving, string? traceId, CancellationToken cancellationToken)
    {
        if (unsent.Count == 0 || state.ExecutionId is not { } executionId || events.OfType<ExecutionCompleted>().Any())
        {
            return; // (a finished instance, terminated for example, wants no more results)
        }

        var answered = events.Concat(arriving.Select(m => m.Event)).Select(AnsweredTask).OfType<int>().ToHashSet();
        traceId = events.OfType<ExecutionStarted>().FirstOrDefault()?.TraceId ?? traceId;
        var lost = unsent
            .Where(t => !answered.Contains(t.TaskId))
            .Select(t => (Task: t, Request: new ActivityRequest(instanceId, executionId, t.TaskId, t.Name, t.Input, traceId)))
            .Where(p => !_anchors.IsRunningHere(instanceId, p.Request.MessageId))
            .ToList();
        if (lost.Count == 0)
        {
            return;
        }

        Logs.UnsentTasksRecovered(_logger, instanceId, lost.Count);
        var requests = lost.Select(p => p.Request).ToList();
        await Task.WhenAll(PackActivities(requests, external: false)
            .Select(p => _sender.SendAsync(MessageEnvelope.For(p), "recover.activities", cancellationToken))).ConfigureAwait(false);
        try
        {
            await _history.MarkSentAsync(instanceId, executionId, [.. lost.Select(p => p.Task)], cancellationToken).ConfigureAwait(false);
        }
        catch (DurableStorageException ex)
        {
            // They are sent; not recording it only means a later load may send them once more (duplicates are discarded).
            Logs.UnsentMarkFailed(_logger, instanceId, ex.Message);
        }
    }

    private static int? AnsweredTask(HistoryEvent historyEvent) => historyEvent switch
    {
        TaskCompleted completed => completed.TaskScheduledId,
        TaskFailed failed => failed.TaskScheduledId,
        _ => null,
    };

    /// <summary>Requests run here under the instance's anchor; <see cref="CreatedFrom"/> is the batch message that became the anchor.</summary>
    private sealed record AnchorPlan(IReadOnlyList<ActivityRequest> Requests, ReceivedMessage? CreatedFrom)
    {
        public IReadOnlyList<string> RequestIds { get; } = [.. Requests.Select(r => r.MessageId)];

        public IReadOnlySet<int> TaskIds { get; } = Requests.Select(r => r.TaskId).ToHashSet();
    }
}
