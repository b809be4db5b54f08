using System.Collections.Concurrent;

namespace ModelAlloy.Durable;

/// <summary>
/// Wakes clients of this process that wait on an instance when a worker of this process commits an episode of it,
/// so <see cref="DurableTaskClient.WaitForInstanceCompletionAsync"/> returns as soon as the commit lands instead of
/// at its next poll (its back-off reaches 100 ms). Commits made by other processes are still found by polling.
/// </summary>
internal sealed class InstanceCommitSignals
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiting = new(StringComparer.Ordinal);

    /// <summary>A task that completes at the next commit of <paramref name="instanceId"/> here. Call before reading its state.</summary>
    public Task NextCommit(string instanceId) =>
        _waiting.GetOrAdd(instanceId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>Called after an episode of <paramref name="instanceId"/> committed.</summary>
    public void Committed(string instanceId)
    {
        if (_waiting.TryRemove(instanceId, out var waiters))
        {
            waiters.TrySetResult();
        }
    }

    /// <summary>A waiter is done: drop the entry (other waiters of the instance wake and register again).</summary>
    public void Forget(string instanceId) => Committed(instanceId);
}
