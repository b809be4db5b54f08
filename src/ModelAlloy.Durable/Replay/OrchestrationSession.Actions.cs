using ModelAlloy.Durable.History;

namespace ModelAlloy.Durable.Replay;

internal sealed partial class OrchestrationSession
{
    public Task<string?> ScheduleActivity(string name, string? input)
    {
        var taskId = _nextTaskId++;
        var open = new OpenTask(ActionKind.Activity, name);
        _open[taskId] = open;
        AddPending(new PendingAction(taskId, ActionKind.Activity, name, input));
        return open.Completion.Task;
    }

    public Task<string?> ScheduleSubOrchestration(string name, string? instanceId, string? version, string? input)
    {
        var taskId = _nextTaskId++;
        var childId = instanceId ?? $"{InstanceId}:{taskId}";
        InstanceIdRules.Validate(childId);
        var open = new OpenTask(ActionKind.SubOrchestration, name, childId);
        _open[taskId] = open;
        AddPending(new PendingAction(taskId, ActionKind.SubOrchestration, name, input, ChildInstanceId: childId, ChildVersion: version ?? _runtime.Registry.VersionOf(name)));
        return open.Completion.Task;
    }

    public (Task Task, int TimerId) ScheduleTimer(DateTime fireAt)
    {
        var taskId = _nextTaskId++;
        var open = new OpenTask(ActionKind.Timer, "timer");
        _open[taskId] = open;
        AddPending(new PendingAction(taskId, ActionKind.Timer, "timer", null, FireAt: fireAt.Kind == DateTimeKind.Utc ? fireAt : fireAt.ToUniversalTime()));
        return (open.Completion.Task, taskId);
    }

    /// <summary>Stops waiting for a timer: its task becomes cancelled and its firing is ignored.</summary>
    public void CancelTimer(int timerId)
    {
        if (_open.Remove(timerId, out var open))
        {
            open.Completion.TrySetCanceled();
        }
    }

    public Task<string?> WaitForEvent(string name)
    {
        if (_bufferedEvents.TryGetValue(name, out var buffer) && buffer.TryDequeue(out var buffered))
        {
            return Task.FromResult(buffered.Input);
        }

        var waiter = new TaskCompletionSource<string?>();
        if (!_waiters.TryGetValue(name, out var queue))
        {
            _waiters[name] = queue = new Queue<TaskCompletionSource<string?>>();
        }

        queue.Enqueue(waiter);
        return waiter.Task;
    }

    /// <summary>Withdraws a waiter whose wait timed out or was cancelled, so a later event is buffered instead.</summary>
    public void StopWaiting(string name, Task<string?> waiterTask)
    {
        if (_waiters.TryGetValue(name, out var queue))
        {
            _waiters[name] = new Queue<TaskCompletionSource<string?>>(queue.Where(w => w.Task != waiterTask));
        }
    }

    public Guid NewGuid() => DeterministicGuid.Create($"{InstanceId}|{ExecutionId}|{_guidCounter++}");

    private void AddPending(PendingAction action)
    {
        if (IsCompleted)
        {
            throw new InvalidOperationException($"Orchestration '{InstanceId}' has already finished; it cannot schedule more work.");
        }

        _pending[action.TaskId] = action;
    }

    /// <summary>External events received but not consumed, to carry into the next execution on ContinueAsNew.</summary>
    internal IEnumerable<EventRaised> UnconsumedEvents() =>
        _bufferedEvents.Values.SelectMany(q => q).Concat(_suspendedBacklog.OfType<EventRaised>());
}
