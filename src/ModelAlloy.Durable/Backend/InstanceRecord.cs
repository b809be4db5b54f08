using ModelAlloy.Durable.History;

namespace ModelAlloy.Durable.Backend;

/// <summary>An instance's stored state as a backend returns it; payloads are serialized JSON.</summary>
public sealed record InstanceRecord
{
    /// <summary>The instance id.</summary>
    public required string InstanceId { get; init; }

    /// <summary>The current execution (changes on <c>ContinueAsNew</c>).</summary>
    public required string ExecutionId { get; init; }

    /// <summary>The orchestration name.</summary>
    public required string Name { get; init; }

    /// <summary>The version recorded at start.</summary>
    public required string Version { get; init; }

    /// <summary>The lifecycle state.</summary>
    public required OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    /// <summary>When the instance was created.</summary>
    public required DateTime CreatedAt { get; init; }

    /// <summary>When the state last changed.</summary>
    public required DateTime LastUpdatedAt { get; init; }

    /// <summary>When it finished, if it has.</summary>
    public DateTime? CompletedAt { get; init; }

    /// <summary>When a scheduled start is due, if one was requested.</summary>
    public DateTime? ScheduledStartAt { get; init; }

    /// <summary>Serialized input.</summary>
    public string? Input { get; init; }

    /// <summary>Serialized output.</summary>
    public string? Output { get; init; }

    /// <summary>Serialized custom status.</summary>
    public string? CustomStatus { get; init; }

    /// <summary>The failure, when <see cref="RuntimeStatus"/> is failed.</summary>
    public TaskFailureDetails? FailureDetails { get; init; }

    /// <summary>The parent's instance id, for a sub-orchestration.</summary>
    public string? ParentInstanceId { get; init; }

    /// <summary>The history of the current execution, when requested.</summary>
    public IReadOnlyList<HistoryEvent>? History { get; init; }

    /// <summary>This record as an episode's commit leaves it: the status fields from <paramref name="status"/>, in <paramref name="executionId"/>.</summary>
    public InstanceRecord WithStatus(InstanceStatusUpdate status, string executionId) => this with
    {
        ExecutionId = executionId,
        RuntimeStatus = status.RuntimeStatus,
        Output = status.Output,
        CustomStatus = status.CustomStatus,
        FailureDetails = status.FailureDetails,
        LastUpdatedAt = status.LastUpdatedAt,
        CompletedAt = status.CompletedAt,
        Input = status.Input ?? Input,
    };
}

/// <summary>What to do when a start names an instance id that already exists.</summary>
public enum InstanceIdReusePolicy
{
    /// <summary>
    /// The default: fail with <see cref="DurableErrorCodes.InstanceAlreadyExists"/> while the existing instance is
    /// pending, running or suspended; replace it (a new execution, the old history discarded) once it has finished.
    /// </summary>
    ReplaceIfFinished = 0,

    /// <summary>Keep any existing instance and report success: an idempotent start (for example keyed by a request id).</summary>
    ReturnExisting = 1,

    /// <summary>Always fail when the id exists, finished or not.</summary>
    ThrowIfExists = 2,
}

/// <summary>Thrown by a backend when the history changed under a work item (another worker committed first).</summary>
public sealed class CheckpointConflictException(string instanceId)
    : Exception($"The history of instance '{instanceId}' changed since it was locked; the episode is discarded and will be retried.")
{
    /// <summary>The instance whose checkpoint conflicted.</summary>
    public string InstanceId { get; } = instanceId;
}
