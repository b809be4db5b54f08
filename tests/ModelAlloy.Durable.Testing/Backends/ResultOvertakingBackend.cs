using ModelAlloy.Durable.Backend;
using ModelAlloy.Durable.History;

namespace ModelAlloy.Durable.Testing.Backends;

/// <summary>
/// Makes an activity result overtake the checkpoint that records its task. When a commit fails with an injected
/// fault (arm the injector to fail the history write), the failure is held back until an activity result has been
/// delivered, so the retried episode sees the result before any history records that the task was scheduled.
/// Counts the messages the engine deferred, to show the overtaking really happened.
/// </summary>
public sealed class ResultOvertakingBackend(IOrchestrationBackend inner) : DelegatingOrchestrationBackend(inner)
{
    private readonly TaskCompletionSource _resultDelivered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _held;
    private int _deferred;

    /// <summary>How many messages commits handed back as not yet applicable.</summary>
    public int DeferredMessages => Volatile.Read(ref _deferred);

    public override async Task<string> CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationCommit commit, CancellationToken cancellationToken)
    {
        Interlocked.Add(ref _deferred, commit.DeferredMessages.Count);
        try
        {
            return await Inner.CompleteOrchestrationWorkItemAsync(workItem, commit, cancellationToken);
        }
        catch (InjectedFaultException) when (commit.Activities.Count > 0 && Interlocked.Exchange(ref _held, 1) == 0)
        {
            await _resultDelivered.Task.WaitAsync(DurableTestHost.Timeout, cancellationToken);
            throw;
        }
    }

    public override async Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, OrchestrationMessage result, CancellationToken cancellationToken)
    {
        await Inner.CompleteActivityWorkItemAsync(workItem, result, cancellationToken);
        _resultDelivered.TrySetResult();
    }
}
