using ModelAlloy.Durable.History;

namespace ModelAlloy.Durable.Backend;

/// <summary>
/// Where orchestrations are stored and how work reaches workers. The engine (client, executor, worker) is written
/// only against this contract; the in-memory and Azure Storage backends implement it and both pass the
/// conformance suite.
/// <para>
/// Guarantees a backend must give: at most one orchestration work item per instance is locked at a time;
/// messages are delivered at least once (duplicates are fine, the executor discards them); a commit never loses
/// work even when it fails part-way (outbound messages are written before the history that records them).
/// </para>
/// </summary>
public interface IOrchestrationBackend
{
    // ---- client side ----

    /// <summary>
    /// Creates an instance from its <see cref="ExecutionStarted"/> message. When an instance with the id exists,
    /// <paramref name="reuse"/> decides: see <see cref="InstanceIdReusePolicy"/>.
    /// </summary>
    /// <returns>True when a new execution was created; false when an existing one was kept (<see cref="InstanceIdReusePolicy.ReturnExisting"/>).</returns>
    Task<bool> CreateInstanceAsync(OrchestrationMessage startMessage, InstanceIdReusePolicy reuse, CancellationToken cancellationToken);

    /// <summary>
    /// Enqueues a message for an existing instance, honouring <see cref="OrchestrationMessage.VisibleAt"/>. Clients send
    /// external events, terminate, suspend and resume; any other message (a start, an activity result, a timer) must
    /// be accepted too, because the conformance suite re-sends them to simulate duplicate delivery.
    /// </summary>
    /// <exception cref="DurableTaskException">With <see cref="DurableErrorCodes.InstanceNotFound"/> when no instance has the id.</exception>
    Task SendMessageAsync(OrchestrationMessage message, CancellationToken cancellationToken);

    /// <summary>Reads an instance's state, or null when it does not exist.</summary>
    Task<InstanceRecord?> GetInstanceAsync(string instanceId, bool includeHistory, CancellationToken cancellationToken);

    /// <summary>Lists instances matching a filter, one page at a time.</summary>
    Task<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken);

    /// <summary>Deletes a finished instance's history, state, messages and payloads. False when it did not exist.</summary>
    Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>Deletes every finished instance matching the filter; returns how many.</summary>
    Task<int> PurgeInstancesAsync(PurgeFilter filter, CancellationToken cancellationToken);

    // ---- worker side: poll mode ----

    /// <summary>Waits (up to a backend-chosen bound) for an instance with pending messages and locks it; null when none.</summary>
    Task<OrchestrationWorkItem?> LockNextOrchestrationWorkItemAsync(CancellationToken cancellationToken);

    /// <summary>Waits (up to a backend-chosen bound) for an activity request and locks it; null when none.</summary>
    Task<ActivityWorkItem?> LockNextActivityWorkItemAsync(CancellationToken cancellationToken);

    // ---- worker side: single-message mode (a queue trigger hands us one message) ----

    /// <summary>
    /// Turns one raw queue message (as a Functions queue trigger delivers it) into a locked work item, or null when
    /// the message is stale or a duplicate and can be dropped.
    /// </summary>
    Task<WorkItem?> LockWorkItemForMessageAsync(string rawMessage, CancellationToken cancellationToken);

    // ---- completing work ----

    /// <summary>
    /// The instance's history and its version, for a work item whose instance is not in the executor's cache
    /// (or whose cached version differs from <see cref="OrchestrationWorkItem.HistoryVersion"/>).
    /// </summary>
    Task<IReadOnlyList<HistoryEvent>> LoadHistoryAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken);

    /// <summary>
    /// Commits an episode in a crash-safe order (outbound messages, history, status, then consumed messages) and
    /// releases the lock. Returns the new history version.
    /// <para>
    /// A sub-orchestration start among <see cref="OrchestrationCommit.Messages"/> creates its instance when none
    /// exists or the existing one has finished (replacing it). When the existing instance is pending, running or
    /// suspended, the start is still delivered to it: the engine then answers the caller with a failure naming the
    /// id, so the parent never waits forever. <see cref="OrchestrationCommit.DeferredMessages"/> are delivered again
    /// later, not deleted.
    /// </para>
    /// </summary>
    /// <exception cref="CheckpointConflictException">Another worker changed the history since the work item was locked.</exception>
    Task<string> CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationCommit commit, CancellationToken cancellationToken);

    /// <summary>Releases the lock without committing; the messages are delivered again later.</summary>
    Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, Exception? reason, CancellationToken cancellationToken);

    /// <summary>Sends the activity's result to its orchestration, then deletes the request.</summary>
    Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, OrchestrationMessage result, CancellationToken cancellationToken);

    /// <summary>Releases the activity request so it is delivered again later.</summary>
    Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, Exception? reason, CancellationToken cancellationToken);
}
