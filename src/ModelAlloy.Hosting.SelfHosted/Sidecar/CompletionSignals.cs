using System.Collections.Concurrent;

namespace ModelAlloy.Hosting.SelfHosted.Sidecar;

/// <summary>Wakes completion waits of an instance when a worker of this process commits its terminal state.</summary>
internal sealed class CompletionSignals
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waits = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Returns a task that completes at the next <see cref="Signal"/> of <paramref name="instanceId"/>.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <returns>The task.</returns>
    public Task WaitAsync(string instanceId) =>
        _waits.GetOrAdd(instanceId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>Completes the waits of <paramref name="instanceId"/>.</summary>
    /// <param name="instanceId">The instance.</param>
    public void Signal(string instanceId)
    {
        if (_waits.TryRemove(instanceId, out TaskCompletionSource? waiters))
        {
            waiters.TrySetResult();
        }
    }
}
