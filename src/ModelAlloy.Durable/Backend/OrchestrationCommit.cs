using ModelAlloy.Durable.History;

namespace ModelAlloy.Durable.Backend;

/// <summary>Everything one episode of an orchestration produced, to be committed atomically or in a crash-safe order.</summary>
public sealed class OrchestrationCommit
{
    /// <summary>The execution the events belong to.</summary>
    public required string ExecutionId { get; init; }

    /// <summary>
    /// When true the execution restarted (<c>ContinueAsNew</c>): <see cref="NewEvents"/> replaces the whole history.
    /// Otherwise the events are appended.
    /// </summary>
    public bool ReplacesHistory { get; init; }

    /// <summary>Events to append (or the whole new history); their <see cref="HistoryEvent.EventId"/>s are already assigned.</summary>
    public required IReadOnlyList<HistoryEvent> NewEvents { get; init; }

    /// <summary>Activities to run.</summary>
    public IReadOnlyList<ActivityRequest> Activities { get; init; } = [];

    /// <summary>Messages to this or other instances: timers (with <see cref="OrchestrationMessage.VisibleAt"/>), child starts, results to a parent.</summary>
    public IReadOnlyList<OrchestrationMessage> Messages { get; init; } = [];

    /// <summary>
    /// Consumed messages that could not be applied yet (for example a result that overtook the checkpoint recording
    /// its task). The backend must not delete them but deliver them again later; poison handling bounds the retries.
    /// </summary>
    public IReadOnlyList<OrchestrationMessage> DeferredMessages { get; init; } = [];

    /// <summary>The instance's state after the episode.</summary>
    public required InstanceStatusUpdate Status { get; init; }
}

/// <summary>The instance-level state an episode leaves behind.</summary>
public sealed record InstanceStatusUpdate(
    OrchestrationRuntimeStatus RuntimeStatus,
    string? Output,
    string? CustomStatus,
    TaskFailureDetails? FailureDetails,
    DateTime LastUpdatedAt,
    DateTime? CompletedAt,
    string? Input = null);
