using ModelAlloy.Durable.History;

namespace ModelAlloy.Durable.Testing;

/// <summary>
/// A history reduced to what must not depend on timing or delivery: event kinds, task ids, names and payloads,
/// without timestamps or generated ids. Two runs of a deterministic orchestration have equal shapes.
/// </summary>
public static class HistoryShape
{
    public static IReadOnlyList<string> Of(IEnumerable<HistoryEvent> history) => history.Select(Describe).ToArray();

    public static string Describe(HistoryEvent e) => e switch
    {
        ExecutionStarted s => $"ExecutionStarted({s.Name},{s.Input})",
        OrchestratorStarted => "OrchestratorStarted",
        TaskScheduled s => $"TaskScheduled(#{s.TaskId},{s.Name},{s.Input})",
        TaskCompleted c => $"TaskCompleted(#{c.TaskScheduledId},{c.Result})",
        TaskFailed f => $"TaskFailed(#{f.TaskScheduledId},{f.FailureDetails.ErrorType})",
        SubOrchestrationCreated c => $"SubOrchestrationCreated(#{c.TaskId},{c.Name},{c.Input})",
        SubOrchestrationCompleted c => $"SubOrchestrationCompleted(#{c.TaskScheduledId},{c.Result})",
        SubOrchestrationFailed f => $"SubOrchestrationFailed(#{f.TaskScheduledId},{f.FailureDetails.ErrorType})",
        TimerCreated t => $"TimerCreated(#{t.TaskId})",
        TimerFired t => $"TimerFired(#{t.TimerId})",
        EventRaised r => $"EventRaised({r.Name},{r.Input})",
        ExecutionCompleted c => $"ExecutionCompleted({c.Status},{c.Result})",
        _ => e.GetType().Name,
    };
}
