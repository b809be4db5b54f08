using ModelAlloy.Durable.History;

namespace ModelAlloy.Durable.AzureStorage.Tests.Faults;

/// <summary>What a history recovered from crashes must still look like: nothing duplicated, nothing missing.</summary>
internal static class HistoryChecks
{
    public static void AssertNoDuplicates(string instanceId, IReadOnlyList<HistoryEvent> history)
    {
        Assert.Equal(Enumerable.Range(0, history.Count), history.Select(e => e.EventId));
        Assert.Single(history.OfType<ExecutionStarted>());
        Assert.Single(history.OfType<ExecutionCompleted>());
        var scheduled = history.OfType<TaskScheduled>().Select(e => e.TaskId).ToList();
        Assert.True(scheduled.Count == scheduled.Distinct().Count(), $"{instanceId}: a task was scheduled twice.");
        var completed = history.OfType<TaskCompleted>().Select(e => e.TaskScheduledId).ToList();
        Assert.True(completed.Count == completed.Distinct().Count(), $"{instanceId}: a task result was recorded twice.");
        Assert.Equal(scheduled.Order(), completed.Order());
    }
}
