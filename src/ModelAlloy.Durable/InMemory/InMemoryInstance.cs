using ModelAlloy.Durable.Backend;
using ModelAlloy.Durable.History;

namespace ModelAlloy.Durable.InMemory;

/// <summary>One instance's stored state in the in-memory backend. Guarded by the backend's lock.</summary>
internal sealed class InMemoryInstance(InstanceRecord record)
{
    public InstanceRecord Record { get; set; } = record;

    public List<HistoryEvent> History { get; set; } = [];

    /// <summary>Bumped on every history write; the ETag equivalent.</summary>
    public long Version { get; set; }

    public string? VersionTag => History.Count == 0 ? null : Version.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Visible messages not yet consumed.</summary>
    public List<OrchestrationMessage> Inbox { get; } = [];

    public bool Locked { get; set; }

    /// <summary>Handlers in single-message mode waiting for the lock.</summary>
    public Queue<TaskCompletionSource> LockWaiters { get; } = new();
}

/// <summary>An activity request waiting in the in-memory queue.</summary>
internal sealed class QueuedActivity(ActivityRequest request)
{
    public ActivityRequest Request { get; } = request;

    public int DeliveryCount { get; set; }
}
