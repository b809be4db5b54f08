namespace ModelAlloy.Durable.InMemory;

/// <summary>Wakes every waiter when something changed. Take the task and pulse under the same lock to lose no wake-up.</summary>
internal sealed class AsyncPulse
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Next => _next.Task;

    public void Pulse()
    {
        var fired = _next;
        _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fired.TrySetResult();
    }
}
