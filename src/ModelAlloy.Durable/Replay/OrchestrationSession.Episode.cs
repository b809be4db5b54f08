using ModelAlloy.Durable.Backend;
using ModelAlloy.Durable.History;

namespace ModelAlloy.Durable.Replay;

internal sealed partial class OrchestrationSession
{
    private readonly List<HistoryEvent> _episodeEvents = [];
    private DateTime _episodeTime;

    public void BeginEpisode(DateTime now)
    {
        _episodeEvents.Clear();
        _episodeTime = now;
        IsReplaying = false;
    }

    /// <summary>Applies one new message unless it is a duplicate, stale or arrives after the end. Returns whether it was applied.</summary>
    public MessageDisposition TryApply(OrchestrationMessage message)
    {
        var disposition = Classify(message);
        if (disposition != MessageDisposition.Applied)
        {
            return disposition;
        }

        if (_episodeEvents.Count == 0)
        {
            Record(new OrchestratorStarted { Timestamp = _episodeTime });
            Apply(_history[^1]);
        }

        var timestamp = message.Event.Timestamp == default ? _episodeTime : message.Event.Timestamp;
        Record(message.Event with { Timestamp = timestamp });
        try
        {
            Apply(_history[^1]);
        }
        catch (NonDeterministicOrchestrationException ex)
        {
            Fail(TaskFailureDetails.FromException(ex));
        }

        return MessageDisposition.Applied;
    }

    private MessageDisposition Classify(OrchestrationMessage message)
    {
        var historyEvent = message.Event;
        if (historyEvent is ExecutionStarted)
        {
            return IsStarted || IsCompleted || IsStartHeld ? MessageDisposition.Discarded : MessageDisposition.Applied;
        }

        if (IsCompleted || (message.ExecutionId is { } target && IsStarted && target != ExecutionId))
        {
            return MessageDisposition.Discarded;
        }

        if (OutcomeTaskId(historyEvent) is { } id)
        {
            if (_finished.Contains(id))
            {
                return MessageDisposition.Discarded;
            }

            // An outcome can overtake the checkpoint that records its task (outbound messages are written first),
            // or arrive before the start: keep it for later rather than lose it.
            return _scheduled.Contains(id) ? MessageDisposition.Applied : MessageDisposition.Deferred;
        }

        var accept = historyEvent switch
        {
            EventRaised raised => !_eventMessageIds.Contains(raised.MessageId),
            ExecutionSuspended => !IsSuspended,
            ExecutionResumed => IsSuspended,
            ExecutionTerminated => true,
            _ => false,
        };
        return accept ? MessageDisposition.Applied : MessageDisposition.Discarded;
    }

    /// <summary>
    /// For a discarded start sent by another orchestration (a sub-orchestration call naming this instance's id while
    /// it runs), the failure to send back, so the caller's task fails instead of waiting forever. Null otherwise,
    /// including for a re-delivered copy of this instance's own start.
    /// </summary>
    public OrchestrationMessage? RejectionOf(OrchestrationMessage message)
    {
        if (message.Event is not ExecutionStarted { Parent: { } caller } started || !(IsStarted || IsCompleted) || caller == Parent)
        {
            return null;
        }

        var failure = new TaskFailureDetails(
            typeof(DurableTaskException).FullName!,
            $"Sub-orchestration '{started.Name}' cannot start as instance '{InstanceId}': that id is used by a {Status} instance of '{Name}'. Choose another instance id.");
        return new OrchestrationMessage(caller.InstanceId, caller.ExecutionId, new SubOrchestrationFailed(caller.TaskId, failure) { Timestamp = _episodeTime },
            $"{caller.InstanceId}|{caller.ExecutionId}|{caller.TaskId}|rejected");
    }

    private void Record(HistoryEvent historyEvent)
    {
        var numbered = historyEvent with { EventId = _history.Count };
        _history.Add(numbered);
        _episodeEvents.Add(numbered);
    }

    /// <summary>Records the steps taken in this episode and returns what to commit.</summary>
    public OrchestrationCommit EndEpisode(IReadOnlyList<OrchestrationMessage> deferred, bool replacesHistory = false, IReadOnlyList<OrchestrationMessage>? replies = null)
    {
        var activities = new List<ActivityRequest>();
        var messages = new List<OrchestrationMessage>(replies ?? []);
        foreach (var action in _pending.Values)
        {
            _scheduled.Add(action.TaskId);
            RecordAction(action, activities, messages);
        }

        _pending.Clear();
        if (IsCompleted && ContinueAsNew is null && !_completionRecorded)
        {
            _completionRecorded = true;
            Record(new ExecutionCompleted(Status, Output, Failure) { Timestamp = _episodeTime });
            if (Parent is { } parent)
            {
                HistoryEvent result = Status == OrchestrationRuntimeStatus.Completed
                    ? new SubOrchestrationCompleted(parent.TaskId, Output)
                    : new SubOrchestrationFailed(parent.TaskId, Failure ?? new TaskFailureDetails("Terminated", $"Sub-orchestration '{InstanceId}' was terminated: {Output}"));
                messages.Add(new OrchestrationMessage(parent.InstanceId, parent.ExecutionId, result with { Timestamp = _episodeTime }, $"{InstanceId}|{ExecutionId}|result"));
            }
        }

        return new OrchestrationCommit
        {
            ExecutionId = ExecutionId,
            ReplacesHistory = replacesHistory,
            NewEvents = replacesHistory ? _history.ToArray() : _episodeEvents.ToArray(),
            Activities = activities,
            Messages = messages,
            DeferredMessages = deferred,
            Status = new InstanceStatusUpdate(
                IsStarted || IsCompleted || IsSuspended ? Status : OrchestrationRuntimeStatus.Pending,
                Output,
                CustomStatus,
                Failure,
                _episodeTime,
                IsCompleted ? _episodeTime : null,
                replacesHistory ? Input : null),
        };
    }

    private void RecordAction(PendingAction action, List<ActivityRequest> activities, List<OrchestrationMessage> messages)
    {
        switch (action.Kind)
        {
            case ActionKind.Activity:
                Record(new TaskScheduled(action.TaskId, action.Name, action.Input) { Timestamp = _episodeTime });
                activities.Add(new ActivityRequest(InstanceId, ExecutionId, action.TaskId, action.Name, action.Input, TraceId));
                break;
            case ActionKind.SubOrchestration:
                var childExecution = DeterministicGuid.Create($"{InstanceId}|{ExecutionId}|child|{action.TaskId}").ToString("N");
                Record(new SubOrchestrationCreated(action.TaskId, action.Name, action.ChildInstanceId!, action.ChildVersion!, action.Input) { Timestamp = _episodeTime });
                var start = new ExecutionStarted(action.Name, action.ChildVersion!, action.Input, childExecution,
                    new ParentInstanceInfo(InstanceId, ExecutionId, action.TaskId, Name), TraceId: TraceId) { Timestamp = _episodeTime };
                messages.Add(new OrchestrationMessage(action.ChildInstanceId!, childExecution, start, $"{InstanceId}|{ExecutionId}|{action.TaskId}"));
                break;
            case ActionKind.Timer:
                Record(new TimerCreated(action.TaskId, action.FireAt) { Timestamp = _episodeTime });
                messages.Add(new OrchestrationMessage(InstanceId, ExecutionId, new TimerFired(action.TaskId, action.FireAt) { Timestamp = action.FireAt },
                    $"{InstanceId}|{ExecutionId}|{action.TaskId}", action.FireAt));
                break;
        }
    }
}

/// <summary>What the executor did with one incoming message.</summary>
internal enum MessageDisposition
{
    /// <summary>Added to history and applied.</summary>
    Applied,

    /// <summary>A duplicate, stale or too late: dropped.</summary>
    Discarded,

    /// <summary>Cannot apply yet (its task is not recorded, or the instance has not started): deliver again later.</summary>
    Deferred,
}
