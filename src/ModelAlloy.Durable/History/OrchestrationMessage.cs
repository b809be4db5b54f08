namespace ModelAlloy.Durable.History;

/// <summary>
/// A history event on its way to an orchestration instance: an activity result, a timer, an external event,
/// a start, a terminate. Backends deliver messages at least once; the executor discards duplicates.
/// </summary>
/// <param name="InstanceId">The target instance.</param>
/// <param name="ExecutionId">The target execution, or null for any (client requests); messages for an older execution are discarded.</param>
/// <param name="Event">The event to add to the target's history.</param>
/// <param name="MessageId">Unique and deterministic where the sender is an orchestration, so a re-sent message has the same id.</param>
/// <param name="VisibleAt">For timers: not to be delivered before this time (UTC).</param>
public sealed record OrchestrationMessage(
    string InstanceId,
    string? ExecutionId,
    HistoryEvent Event,
    string MessageId,
    DateTime? VisibleAt = null);

/// <summary>A request to run one activity for an orchestration.</summary>
/// <param name="InstanceId">The orchestration that scheduled it.</param>
/// <param name="ExecutionId">The execution that scheduled it.</param>
/// <param name="TaskId">The task's sequence number in that execution.</param>
/// <param name="Name">The activity name.</param>
/// <param name="Input">Serialized input.</param>
/// <param name="TraceId">Correlates telemetry with the orchestration.</param>
public sealed record ActivityRequest(
    string InstanceId,
    string ExecutionId,
    int TaskId,
    string Name,
    string? Input,
    string? TraceId = null)
{
    /// <summary>A deterministic id: the same request re-sent after a crash has the same id.</summary>
    public string MessageId => $"{InstanceId}|{ExecutionId}|{TaskId}";
}
