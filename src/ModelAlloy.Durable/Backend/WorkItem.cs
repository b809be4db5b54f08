using ModelAlloy.Durable.History;

namespace ModelAlloy.Durable.Backend;

/// <summary>A unit of locked work handed to a worker. Backends attach their own lock data in <see cref="BackendState"/>.</summary>
public abstract class WorkItem
{
    /// <summary>The orchestration instance the work belongs to.</summary>
    public required string InstanceId { get; init; }

    /// <summary>How many times this work was delivered, 1 the first time.</summary>
    public int DeliveryCount { get; init; } = 1;

    /// <summary>Opaque data the backend needs to complete or abandon the work (lock token, ETag, receipts).</summary>
    public object? BackendState { get; set; }
}

/// <summary>New messages for one instance, locked so that only this worker runs the instance.</summary>
public sealed class OrchestrationWorkItem : WorkItem
{
    /// <summary>The messages to apply in this episode, in arrival order.</summary>
    public required IReadOnlyList<OrchestrationMessage> NewMessages { get; init; }

    /// <summary>
    /// The version of the instance's stored history when it was locked (for example an ETag), or null when the
    /// instance has no history yet. The executor reuses its cached copy only when the versions match.
    /// </summary>
    public string? HistoryVersion { get; init; }

    /// <summary>The history, when the backend already loaded it; otherwise the executor calls <see cref="IOrchestrationBackend.LoadHistoryAsync"/> on a cache miss.</summary>
    public IReadOnlyList<HistoryEvent>? History { get; set; }
}

/// <summary>One activity request, locked for this worker.</summary>
public sealed class ActivityWorkItem : WorkItem
{
    /// <summary>The request.</summary>
    public required ActivityRequest Request { get; init; }
}
