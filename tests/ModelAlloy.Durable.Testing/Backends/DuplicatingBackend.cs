using ModelAlloy.Durable.Backend;
using ModelAlloy.Durable.History;

namespace ModelAlloy.Durable.Testing.Backends;

/// <summary>
/// Sends every message twice: each start, client message, activity request, timer, child start and result
/// reaches the backend two times, the way an at-least-once queue may deliver it after a lost acknowledgement.
/// The engine must discard the copies and build the same history as without them.
/// </summary>
public sealed class DuplicatingBackend(IOrchestrationBackend inner) : DelegatingOrchestrationBackend(inner)
{
    private int _duplicates;

    /// <summary>How many extra copies were sent.</summary>
    public int Duplicates => Volatile.Read(ref _duplicates);

    public override async Task<bool> CreateInstanceAsync(OrchestrationMessage startMessage, InstanceIdReusePolicy reuse, CancellationToken cancellationToken)
    {
        var created = await Inner.CreateInstanceAsync(startMessage, reuse, cancellationToken);
        if (created)
        {
            await Inner.SendMessageAsync(startMessage, cancellationToken);
            Interlocked.Increment(ref _duplicates);
        }

        return created;
    }

    public override async Task SendMessageAsync(OrchestrationMessage message, CancellationToken cancellationToken)
    {
        await Inner.SendMessageAsync(message, cancellationToken);
        await Inner.SendMessageAsync(message, cancellationToken);
        Interlocked.Increment(ref _duplicates);
    }

    public override Task<string> CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationCommit commit, CancellationToken cancellationToken)
    {
        Interlocked.Add(ref _duplicates, commit.Activities.Count + commit.Messages.Count);
        var doubled = new OrchestrationCommit
        {
            ExecutionId = commit.ExecutionId,
            ReplacesHistory = commit.ReplacesHistory,
            NewEvents = commit.NewEvents,
            Activities = [.. commit.Activities, .. commit.Activities],
            Messages = [.. commit.Messages, .. commit.Messages],
            DeferredMessages = commit.DeferredMessages,
            Status = commit.Status,
        };
        return Inner.CompleteOrchestrationWorkItemAsync(workItem, doubled, cancellationToken);
    }

    public override async Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, OrchestrationMessage result, CancellationToken cancellationToken)
    {
        await Inner.CompleteActivityWorkItemAsync(workItem, result, cancellationToken);
        await Inner.SendMessageAsync(result, cancellationToken);
        Interlocked.Increment(ref _duplicates);
    }
}
