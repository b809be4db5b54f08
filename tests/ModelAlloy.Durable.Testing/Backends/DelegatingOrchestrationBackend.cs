using ModelAlloy.Durable.Backend;
using ModelAlloy.Durable.History;

namespace ModelAlloy.Durable.Testing.Backends;

/// <summary>
/// Forwards every call to an inner backend. Test decorators derive from it and override only the calls whose
/// behaviour they change (duplicate, delay, reorder), so they work over any backend.
/// </summary>
public abstract class DelegatingOrchestrationBackend(IOrchestrationBackend inner) : IOrchestrationBackend
{
    /// <summary>The decorated backend.</summary>
    protected IOrchestrationBackend Inner { get; } = inner;

    public virtual Task<bool> CreateInstanceAsync(OrchestrationMessage startMessage, InstanceIdReusePolicy reuse, CancellationToken cancellationToken) =>
        Inner.CreateInstanceAsync(startMessage, reuse, cancellationToken);

    public virtual Task SendMessageAsync(OrchestrationMessage message, CancellationToken cancellationToken) =>
        Inner.SendMessageAsync(message, cancellationToken);

    public virtual Task<InstanceRecord?> GetInstanceAsync(string instanceId, bool includeHistory, CancellationToken cancellationToken) =>
        Inner.GetInstanceAsync(instanceId, includeHistory, cancellationToken);

    public virtual Task<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken) =>
        Inner.QueryInstancesAsync(query, cancellationToken);

    public virtual Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        Inner.PurgeInstanceAsync(instanceId, cancellationToken);

    public virtual Task<int> PurgeInstancesAsync(PurgeFilter filter, CancellationToken cancellationToken) =>
        Inner.PurgeInstancesAsync(filter, cancellationToken);

    public virtual Task<OrchestrationWorkItem?> LockNextOrchestrationWorkItemAsync(CancellationToken cancellationToken) =>
        Inner.LockNextOrchestrationWorkItemAsync(cancellationToken);

    public virtual Task<ActivityWorkItem?> LockNextActivityWorkItemAsync(CancellationToken cancellationToken) =>
        Inner.LockNextActivityWorkItemAsync(cancellationToken);

    public virtual Task<WorkItem?> LockWorkItemForMessageAsync(string rawMessage, CancellationToken cancellationToken) =>
        Inner.LockWorkItemForMessageAsync(rawMessage, cancellationToken);

    public virtual Task<IReadOnlyList<HistoryEvent>> LoadHistoryAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken) =>
        Inner.LoadHistoryAsync(workItem, cancellationToken);

    public virtual Task<string> CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationCommit commit, CancellationToken cancellationToken) =>
        Inner.CompleteOrchestrationWorkItemAsync(workItem, commit, cancellationToken);

    public virtual Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, Exception? reason, CancellationToken cancellationToken) =>
        Inner.AbandonOrchestrationWorkItemAsync(workItem, reason, cancellationToken);

    public virtual Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, OrchestrationMessage result, CancellationToken cancellationToken) =>
        Inner.CompleteActivityWorkItemAsync(workItem, result, cancellationToken);

    public virtual Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, Exception? reason, CancellationToken cancellationToken) =>
        Inner.AbandonActivityWorkItemAsync(workItem, reason, cancellationToken);
}
