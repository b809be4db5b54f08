using ModelAlloy.Durable.History;

namespace ModelAlloy.Durable.Replay;

internal sealed partial class OrchestrationSession
{
    private void Start(ExecutionStarted started)
    {
        IsStarted = true;
        ExecutionId = started.ExecutionId;
        Name = started.Name;
        Version = started.Version;
        Input = started.Input;
        Parent = started.Parent;
        TraceId = started.TraceId;
        Status = OrchestrationRuntimeStatus.Running;
        if (CurrentUtcDateTime == default)
        {
            CurrentUtcDateTime = started.Timestamp;
        }

        if (!_runtime.Registry.TryGetOrchestrator(started.Name, out var registration))
        {
            Fail(new TaskFailureDetails(
                typeof(DurableTaskException).FullName!,
                $"No orchestrator named '{started.Name}' is registered with this worker. Register it with AddOrchestrator(\"{started.Name}\", ...).",
                IsNonRetriable: true));
            return;
        }

        ITaskOrchestrator orchestrator;
        object? input;
        try
        {
            orchestrator = registration.Factory(_runtime.Services);
            input = _runtime.Converter.Deserialize(started.Input, orchestrator.InputType);
        }
        catch (Exception ex)
        {
            Fail(TaskFailureDetails.FromException(ex));
            return;
        }

        _run = Task.Factory.StartNew(
            () => orchestrator.RunAsync(_context, input),
            CancellationToken.None,
            TaskCreationOptions.None,
            _scheduler).Unwrap();
    }

    private void Resolve(HistoryEvent outcome)
    {
        var id = OutcomeTaskId(outcome)!.Value;
        if (!_open.Remove(id, out var open))
        {
            return; // a cancelled timer firing, or an outcome nobody awaits any more
        }

        switch (outcome)
        {
            case TaskCompleted completed:
                open.Completion.TrySetResult(completed.Result);
                break;
            case SubOrchestrationCompleted completed:
                open.Completion.TrySetResult(completed.Result);
                break;
            case TimerFired:
                open.Completion.TrySetResult(null);
                break;
            case TaskFailed failed:
                open.Completion.TrySetException(new TaskFailedException(open.Name, id, failed.FailureDetails));
                break;
            case SubOrchestrationFailed failed:
                open.Completion.TrySetException(new SubOrchestrationFailedException(open.Name, id, open.ChildInstanceId ?? "", failed.FailureDetails));
                break;
        }
    }

    private void Deliver(EventRaised raised)
    {
        if (_waiters.TryGetValue(raised.Name, out var waiting) && waiting.TryDequeue(out var waiter))
        {
            waiter.TrySetResult(raised.Input);
            return;
        }

        if (!_bufferedEvents.TryGetValue(raised.Name, out var buffer))
        {
            _bufferedEvents[raised.Name] = buffer = new Queue<EventRaised>();
        }

        buffer.Enqueue(raised);
    }

    private void MatchRecordedAction(int taskId, ActionKind kind, string name)
    {
        _scheduled.Add(taskId);
        if (!_pending.Remove(taskId, out var action))
        {
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestration '{Name}' (instance '{InstanceId}'): history records {Describe(kind, name, taskId)}, " +
                "but the orchestrator code did not make that call on replay. Was the code changed while instances were running?");
        }

        if (action.Kind != kind || !string.Equals(action.Name, name, StringComparison.OrdinalIgnoreCase))
        {
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestration '{Name}' (instance '{InstanceId}'): history expects {Describe(kind, name, taskId)}, " +
                $"but the orchestrator code called {action.Describe()}.");
        }
    }

    private void ThrowIfActionsUnrecorded()
    {
        if (_pending.Count > 0)
        {
            var first = _pending.Values.First();
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestration '{Name}' (instance '{InstanceId}'): the orchestrator code called {first.Describe()}, " +
                "which its history does not record at that point.");
        }
    }

    private static string Describe(ActionKind kind, string name, int taskId) =>
        new PendingAction(taskId, kind, name, null).Describe();

    private void ObserveCompletion()
    {
        if (IsCompleted || _run is not { IsCompleted: true } run)
        {
            return;
        }

        if (run.IsCompletedSuccessfully)
        {
            if (ContinueAsNew is not null)
            {
                IsCompleted = true;
                Status = OrchestrationRuntimeStatus.Completed;
                return;
            }

            string? output;
            try
            {
                output = _runtime.Converter.Serialize(run.Result);
            }
            catch (DurableTaskException ex)
            {
                Fail(TaskFailureDetails.FromException(ex));
                return;
            }

            Finish(OrchestrationRuntimeStatus.Completed, output, null);
        }
        else
        {
            var exception = run.Exception?.InnerExceptions.Count == 1 ? run.Exception.InnerException! : (Exception?)run.Exception ?? new TaskCanceledException();
            Fail(TaskFailureDetails.FromException(exception));
        }
    }

    private void Finish(OrchestrationRuntimeStatus status, string? output, TaskFailureDetails? failure)
    {
        IsCompleted = true;
        ContinueAsNew = null;
        Status = status;
        Output = output;
        Failure = failure;
        _pending.Clear();
    }

    /// <summary>Fails the execution (used for errors the orchestrator code cannot catch, such as non-determinism).</summary>
    public void Fail(TaskFailureDetails failure) => Finish(OrchestrationRuntimeStatus.Failed, null, failure);
}
