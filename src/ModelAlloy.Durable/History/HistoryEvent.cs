using System.Text.Json.Serialization;

namespace ModelAlloy.Durable.History;

/// <summary>
/// One entry of an orchestration's append-only history. The orchestrator is rebuilt by replaying these events;
/// a backend stores them verbatim (as JSON, with the <c>$type</c> discriminator) and never interprets payloads.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(ExecutionStarted), nameof(ExecutionStarted))]
[JsonDerivedType(typeof(OrchestratorStarted), nameof(OrchestratorStarted))]
[JsonDerivedType(typeof(TaskScheduled), nameof(TaskScheduled))]
[JsonDerivedType(typeof(TaskCompleted), nameof(TaskCompleted))]
[JsonDerivedType(typeof(TaskFailed), nameof(TaskFailed))]
[JsonDerivedType(typeof(SubOrchestrationCreated), nameof(SubOrchestrationCreated))]
[JsonDerivedType(typeof(SubOrchestrationCompleted), nameof(SubOrchestrationCompleted))]
[JsonDerivedType(typeof(SubOrchestrationFailed), nameof(SubOrchestrationFailed))]
[JsonDerivedType(typeof(TimerCreated), nameof(TimerCreated))]
[JsonDerivedType(typeof(TimerFired), nameof(TimerFired))]
[JsonDerivedType(typeof(EventRaised), nameof(EventRaised))]
[JsonDerivedType(typeof(ExecutionSuspended), nameof(ExecutionSuspended))]
[JsonDerivedType(typeof(ExecutionResumed), nameof(ExecutionResumed))]
[JsonDerivedType(typeof(ExecutionTerminated), nameof(ExecutionTerminated))]
[JsonDerivedType(typeof(ExecutionCompleted), nameof(ExecutionCompleted))]
public abstract record HistoryEvent
{
    /// <summary>Position in the history (0-based), assigned when the event is committed; -1 for a message in flight.</summary>
    public int EventId { get; init; } = -1;

    /// <summary>When the event was created (UTC).</summary>
    public DateTime Timestamp { get; init; }
}

/// <summary>Identifies the parent of a sub-orchestration and the parent's task awaiting it.</summary>
public sealed record ParentInstanceInfo(string InstanceId, string ExecutionId, int TaskId, string Name);

/// <summary>The first event of every execution.</summary>
public sealed record ExecutionStarted(
    string Name,
    string Version,
    string? Input,
    string ExecutionId,
    ParentInstanceInfo? Parent = null,
    DateTime? ScheduledStartTime = null,
    string? TraceId = null) : HistoryEvent;

/// <summary>Marks the start of an episode; its timestamp is the orchestration's <c>CurrentUtcDateTime</c>.</summary>
public sealed record OrchestratorStarted : HistoryEvent;

/// <summary>The orchestrator scheduled activity <see cref="Name"/> as task <see cref="TaskId"/>.</summary>
public sealed record TaskScheduled(int TaskId, string Name, string? Input) : HistoryEvent;

/// <summary>Task <see cref="TaskScheduledId"/> returned <see cref="Result"/>.</summary>
public sealed record TaskCompleted(int TaskScheduledId, string? Result) : HistoryEvent;

/// <summary>Task <see cref="TaskScheduledId"/> failed.</summary>
public sealed record TaskFailed(int TaskScheduledId, TaskFailureDetails FailureDetails) : HistoryEvent;

/// <summary>The orchestrator started a sub-orchestration as task <see cref="TaskId"/>.</summary>
public sealed record SubOrchestrationCreated(int TaskId, string Name, string InstanceId, string Version, string? Input) : HistoryEvent;

/// <summary>Sub-orchestration task <see cref="TaskScheduledId"/> completed.</summary>
public sealed record SubOrchestrationCompleted(int TaskScheduledId, string? Result) : HistoryEvent;

/// <summary>Sub-orchestration task <see cref="TaskScheduledId"/> failed or was terminated.</summary>
public sealed record SubOrchestrationFailed(int TaskScheduledId, TaskFailureDetails FailureDetails) : HistoryEvent;

/// <summary>The orchestrator created timer <see cref="TaskId"/> due at <see cref="FireAt"/>.</summary>
public sealed record TimerCreated(int TaskId, DateTime FireAt) : HistoryEvent;

/// <summary>Timer <see cref="TimerId"/> fired.</summary>
public sealed record TimerFired(int TimerId, DateTime FireAt) : HistoryEvent;

/// <summary>An external event arrived. <see cref="MessageId"/> lets duplicate deliveries be discarded.</summary>
public sealed record EventRaised(string Name, string? Input, string MessageId) : HistoryEvent;

/// <summary>The instance was suspended.</summary>
public sealed record ExecutionSuspended(string? Reason) : HistoryEvent;

/// <summary>The instance was resumed.</summary>
public sealed record ExecutionResumed(string? Reason) : HistoryEvent;

/// <summary>A terminate request arrived.</summary>
public sealed record ExecutionTerminated(string? Reason) : HistoryEvent;

/// <summary>The execution finished (completed, failed or terminated).</summary>
public sealed record ExecutionCompleted(OrchestrationRuntimeStatus Status, string? Result, TaskFailureDetails? FailureDetails) : HistoryEvent;
