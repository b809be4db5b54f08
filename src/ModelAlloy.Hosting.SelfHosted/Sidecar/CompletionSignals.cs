using System.Collections.Concurrent;

namespace ModelAlloy.Hosting.SelfHosted.Sidecar;

/// <summary>Wakes completion waits of an instance when a worker of this process commits its terminal state.</summary>
internal sealed class CompletionSignals
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waits = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Returns what completes at the next <see cref="Signal"/> of <paramref name="instanceId"/> (shared by its waiters).</summary>
    /// <param name="instanceId">The instance.</param>
    /// <returns>The signal; hand it to <see cref="Release"/> when the wait ends otherwise.</returns>
    public TaskCompletionSource Register(string instanceId) =>
        _waits.GetOrAdd(instanceId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>
    /// Forgets a signal whose wait ended without it (the instance finished in another process, or the wait timed out),
    /// so a long-lived client does not keep one per instance it ever waited on. A waiter still sharing it falls back
    /// to polling until it registers again.
    /// </summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="signal">The signal <see cref="Register"/> returned.</param>
    public void Release(string instanceId, TaskCompletionSource signal) => _waits.TryRemove(KeyValuePair.Create(instanceId, signal));

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
