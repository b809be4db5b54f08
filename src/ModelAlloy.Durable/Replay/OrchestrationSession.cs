using Microsoft.Extensions.Logging;
using ModelAlloy.Durable.History;
using ModelAlloy.Durable.Serialization;

namespace ModelAlloy.Durable.Replay;

/// <summary>
/// The live state of one orchestration execution: its history, the suspended orchestrator code and the tasks it
/// awaits. Built by replaying history, then advanced one episode at a time. Kept in the cache between episodes so
/// an episode costs only its new events, not the whole history again.
/// </summary>
internal sealed partial class OrchestrationSession
{
    private readonly OrchestrationRuntime _runtime;
    private readonly OrchestrationTaskScheduler _scheduler = new();
    private readonly List<HistoryEvent> _history = [];
    private readonly SortedDictionary<int, PendingAction> _pending = [];
    private readonly Dictionary<int, OpenTask> _open = [];
    private readonly HashSet<int> _scheduled = [];
    private readonly HashSet<int> _finished = [];
    private readonly HashSet<string> _eventMessageIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<TaskCompletionSource<string?>>> _waiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Queue<EventRaised>> _bufferedEvents = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<HistoryEvent> _suspendedBacklog = [];
    private readonly ReplayOrchestrationContext _context;
    private Task<object?>? _run;
    private int _nextTaskId;
    private int _guidCounter;
    private bool _completionRecorded;

    public OrchestrationSession(OrchestrationRuntime runtime, string instanceId)
    {
        _runtime = runtime;
        InstanceId = instanceId;
        _context = new ReplayOrchestrationContext(this);
    }

    public string InstanceId { get; }

    public string ExecutionId { get; private set; } = "";

    public string Name { get; private set; } = "";

    public string Version { get; private set; } = "";

    public string? Input { get; private set; }

    public ParentInstanceInfo? Parent { get; private set; }

    public string? TraceId { get; private set; }

    public bool IsStarted { get; private set; }

    public bool IsReplaying { get; private set; }

    public bool IsSuspended { get; private set; }

    /// <summary>The start arrived while the instance was suspended and waits in the backlog for a resume.</summary>
    private bool IsStartHeld => _suspendedBacklog.Any(e => e is ExecutionStarted);

    public DateTime CurrentUtcDateTime { get; private set; }

    public string? CustomStatus { get; internal set; }

    public bool IsCompleted { get; private set; }

    public OrchestrationRuntimeStatus Status { get; private set; } = OrchestrationRuntimeStatus.Pending;

    public string? Output { get; private set; }

    public TaskFailureDetails? Failure { get; private set; }

    public ContinueAsNewRequest? ContinueAsNew { get; internal set; }

    /// <summary>The backend's version of the history this session has committed.</summary>
    public string? HistoryVersion { get; set; }

    public int HistoryCount => _history.Count;

    public IReadOnlyList<HistoryEvent> History => _history;

    internal DataConverter Converter => _runtime.Converter;

    internal ILoggerFactory LoggerFactory => _runtime.LoggerFactory;

    /// <summary>Rebuilds the state by re-running the orchestrator over committed history.</summary>
    public void Replay(IReadOnlyList<HistoryEvent> history)
    {
        IsReplaying = true;
        var applied = 0;
        try
        {
            for (; applied < history.Count; applied++)
            {
                _history.Add(history[applied]);
                Apply(history[applied]);
            }

            // Every committed episode recorded all the calls its code made, so a call still unrecorded after the
            // whole history was added by changed code: scheduling it now would run work the history never asked for.
            ThrowIfActionsUnrecorded();
        }
        catch (NonDeterministicOrchestrationException ex)
        {
            // Keep the rest of the history so new events get the right ids; the execution is failed from here on.
            for (applied++; applied < history.Count; applied++)
            {
                _history.Add(history[applied]);
                _completionRecorded |= history[applied] is ExecutionCompleted;
            }

            if (!IsCompleted)
            {
                Fail(TaskFailureDetails.FromException(ex));
            }
        }
        finally
        {
            IsReplaying = false;
        }
    }

    private void Apply(HistoryEvent historyEvent)
    {
        switch (historyEvent)
        {
            case OrchestratorStarted:
                if (IsReplaying)
                {
                    ThrowIfActionsUnrecorded();
                }

                CurrentUtcDateTime = historyEvent.Timestamp;
                break;
            case ExecutionStarted when IsSuspended:
                // Suspended before it started (for example while a scheduled start was pending): start on resume.
                _suspendedBacklog.Add(historyEvent);
                return;
            case ExecutionStarted started:
                Start(started);
                break;
            case TaskScheduled scheduled:
                MatchRecordedAction(scheduled.TaskId, ActionKind.Activity, scheduled.Name);
                break;
            case SubOrchestrationCreated created:
                MatchRecordedAction(created.TaskId, ActionKind.SubOrchestration, created.Name);
                break;
            case TimerCreated timer:
                MatchRecordedAction(timer.TaskId, ActionKind.Timer, "timer");
                break;
            case TaskCompleted or TaskFailed or SubOrchestrationCompleted or SubOrchestrationFailed or TimerFired or EventRaised when IsSuspended:
                TrackOutcome(historyEvent);
                _suspendedBacklog.Add(historyEvent);
                return;
            case TaskCompleted or TaskFailed or SubOrchestrationCompleted or SubOrchestrationFailed or TimerFired:
                TrackOutcome(historyEvent);
                Resolve(historyEvent);
                break;
            case EventRaised raised:
                _eventMessageIds.Add(raised.MessageId);
                Deliver(raised);
                break;
            case ExecutionSuspended:
                IsSuspended = true;
                Status = OrchestrationRuntimeStatus.Suspended;
                return;
            case ExecutionResumed:
                IsSuspended = false;
                Status = OrchestrationRuntimeStatus.Running;
                DrainBacklog();
                break;
            case ExecutionTerminated terminated:
                Finish(OrchestrationRuntimeStatus.Terminated, _runtime.Converter.Serialize(terminated.Reason), null);
                return;
            case ExecutionCompleted completed:
                _completionRecorded = true;
                if (!IsCompleted)
                {
                    Finish(completed.Status, completed.Result, completed.FailureDetails);
                }

                return;
        }

        _scheduler.RunUntilIdle();
        ObserveCompletion();
    }

    private void TrackOutcome(HistoryEvent historyEvent)
    {
        if (historyEvent is EventRaised raised)
        {
            _eventMessageIds.Add(raised.MessageId);
        }
        else if (OutcomeTaskId(historyEvent) is { } id)
        {
            _finished.Add(id);
        }
    }

    private void DrainBacklog()
    {
        var backlog = _suspendedBacklog.ToArray();
        _suspendedBacklog.Clear();
        foreach (var historyEvent in backlog)
        {
            if (historyEvent is EventRaised raised)
            {
                Deliver(raised);
            }
            else if (historyEvent is ExecutionStarted started)
            {
                Start(started);
            }
            else
            {
                Resolve(historyEvent);
            }

            _scheduler.RunUntilIdle();
        }
    }

    internal static int? OutcomeTaskId(HistoryEvent historyEvent) => historyEvent switch
    {
        TaskCompleted e => e.TaskScheduledId,
        TaskFailed e => e.TaskScheduledId,
        SubOrchestrationCompleted e => e.TaskScheduledId,
        SubOrchestrationFailed e => e.TaskScheduledId,
        TimerFired e => e.TimerId,
        _ => null,
    };
}

/// <summary>A request, made by the orchestrator code, to restart with a new input.</summary>
internal sealed record ContinueAsNewRequest(string? Input, bool PreserveUnprocessedEvents);
