using ModelAlloy.Durable.Backend;
using ModelAlloy.Durable.History;

namespace ModelAlloy.Durable.AzureStorage;

public sealed partial class AzureStorageOrchestrationBackend
{
    /// <summary>The error type recorded on an instance or task failed because of a poison message.</summary>
    public const string PoisonErrorType = "ModelAlloy.Durable.AzureStorage.PoisonMessage";

    /// <summary>
    /// A batch holds messages delivered more than <see cref="AzureStorageBackendOptions.MaxDequeueCount"/> times: record
    /// them in the poison table and fail the instance with the reason (its parent is told, as for any failure), in
    /// the usual commit order. The batch is then settled: the instance is finished, so nothing else in it matters.
    /// </summary>
    private async Task FailByPoisonAsync(string instanceId, IReadOnlyList<ReceivedMessage> batch, IReadOnlyList<ReceivedMessage> poisoned, CancellationToken cancellationToken)
    {
        var first = poisoned[0];
        var rowKey = "";
        foreach (var message in poisoned)
        {
            rowKey = await _poison.RecordAsync(instanceId, message.Queue, message.MessageId, message.Envelope.Serialize(), message.Deliveries, LastError(message), cancellationToken).ConfigureAwait(false);
        }

        var what = DeferredTooLong(first)
            ? $"waited {Now - first.DeferredSince!.Value:g} for the task or start it answers to appear in the instance's history (limit {_options.DeferredMessageTimeout:g}; " +
              "the episode that scheduled it never committed, or the message belongs to no episode of this instance)"
            : $"was delivered {first.Deliveries} times without being processed (limit {_options.MaxDequeueCount}); last error: {LastError(first)}";
        var reason = $"Message '{first.Envelope.Id}' ({first.Envelope.Message?.Event.GetType().Name}) for instance '{instanceId}' {what}. It was moved to table '{_poison.TableName}' " +
            $"(partition '{KeySanitizer.Escape(instanceId)}', row '{KeySanitizer.Escape(rowKey)}'). Fix the cause, then start the orchestration again.";
        var (state, events) = await _history.LoadAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (!events.OfType<ExecutionCompleted>().Any())
        {
            Logs.InstanceFailedByPoison(_logger, instanceId, reason);
            await CommitPoisonFailureAsync(instanceId, state, events, batch, reason, cancellationToken).ConfigureAwait(false);
        }

        _known.TryRemove(instanceId, out _);
        await SettleAsync(batch, cancellationToken).ConfigureAwait(false);
        _inbox.Release(instanceId, batch);
    }

    private async Task CommitPoisonFailureAsync(
        string instanceId, HistoryState state, IReadOnlyList<HistoryEvent> events, IReadOnlyList<ReceivedMessage> batch, string reason, CancellationToken cancellationToken)
    {
        var now = Now;
        var failure = new TaskFailureDetails(PoisonErrorType, reason, IsNonRetriable: true);
        var started = events.OfType<ExecutionStarted>().FirstOrDefault()
            ?? batch.Select(m => m.Envelope.Message?.Event).OfType<ExecutionStarted>().FirstOrDefault();
        var newEvents = new List<HistoryEvent>();
        if (events.Count == 0 && started is not null)
        {
            newEvents.Add(started with { EventId = 0 });
        }

        var next = events.Count + newEvents.Count;
        newEvents.Add(new OrchestratorStarted { EventId = next, Timestamp = now });
        newEvents.Add(new ExecutionCompleted(OrchestrationRuntimeStatus.Failed, null, failure) { EventId = next + 1, Timestamp = now });
        var executionId = state.ExecutionId ?? started?.ExecutionId;
        if (started?.Parent is { } parent && executionId is not null)
        {
            var result = new SubOrchestrationFailed(parent.TaskId, failure) { Timestamp = now };
            await _sender.SendAsync(MessageEnvelope.For(new OrchestrationMessage(parent.InstanceId, parent.ExecutionId, result, $"{instanceId}|{executionId}|result"), started.TraceId),
                "poison.notify-parent", cancellationToken).ConfigureAwait(false);
        }

        var sequence = state.Sequence;
        if (executionId is not null)
        {
            var commit = new OrchestrationCommit
            {
                ExecutionId = executionId,
                NewEvents = newEvents,
                Status = new InstanceStatusUpdate(OrchestrationRuntimeStatus.Failed, null, null, failure, now, now),
            };
            sequence = (await _history.CheckpointAsync(instanceId, state, commit, cancellationToken, "poison.history").ConfigureAwait(false)).Sequence;
        }

        await _instances.UpdateStatusAsync(instanceId, executionId ?? "", sequence + (executionId is null ? 1 : 0),
            new InstanceStatusUpdate(OrchestrationRuntimeStatus.Failed, null, null, failure, now, now), null, cancellationToken, "poison.status").ConfigureAwait(false);
    }

    /// <summary>An activity request delivered too often: record it and fail the task (the orchestration decides, as for any failure).</summary>
    private async Task FailActivityByPoisonAsync(PackedActivity activity, CancellationToken cancellationToken)
    {
        var (message, request) = (activity.Pack.Message, activity.Request);
        var rowKey = await _poison.RecordAsync(request.InstanceId, message.Queue, message.MessageId, message.Envelope.Serialize(), message.Deliveries, LastError(message), cancellationToken).ConfigureAwait(false);
        var reason = $"Activity '{request.Name}' (#{request.TaskId}) of instance '{request.InstanceId}' was delivered {message.Deliveries} times without completing " +
            $"(limit {_options.MaxDequeueCount}; the worker running it probably crashed or timed out); last error: {LastError(message)}. " +
            $"It was moved to table '{_poison.TableName}' (row '{KeySanitizer.Escape(rowKey)}').";
        var failed = new TaskFailed(request.TaskId, new TaskFailureDetails(PoisonErrorType, reason, IsNonRetriable: true)) { Timestamp = Now };
        await _sender.SendAsync(MessageEnvelope.For(new OrchestrationMessage(request.InstanceId, request.ExecutionId, failed, request.MessageId + "|poison"), request.TraceId),
            "poison.activity-failed", cancellationToken).ConfigureAwait(false);
        _activityPump.Finish(activity);
        if (_activityPump.Release(activity))
        {
            await SettleAsync([message], cancellationToken).ConfigureAwait(false);
        }
    }

    private bool DeferredTooLong(ReceivedMessage message) =>
        message.DeferredSince is { } since && Now - since > _options.DeferredMessageTimeout;

    private string LastError(ReceivedMessage message) =>
        _lastErrors.TryGetValue(message.Envelope.Id, out var error) ? error
        : "none recorded (it was deferred because it could not be applied yet, or the worker that held it crashed)";
}
