using DurableTask.Core.History;

namespace ModelAlloy.Bench;

/// <summary>
/// Where a chain's time goes, from the timestamps DTFx keeps on history events (this machine's clock): the orchestrator
/// turn (episode start → activity scheduled), the trip through the work-item queue and the activity (scheduled →
/// activity completed, including the episode's commit), and the trip back (completed → the episode that reads it).
/// </summary>
internal static class Breakdown
{
    public static IReadOnlyList<Step> Steps(IEnumerable<HistoryEvent> history)
    {
        var scheduled = new Dictionary<int, (TaskScheduledEvent Event, DateTime Episode)>();
        var steps = new List<Step>();
        DateTime episode = default;
        foreach (HistoryEvent e in history)
        {
            switch (e)
            {
                case OrchestratorStartedEvent:
                    episode = e.Timestamp;
                    break;
                case TaskScheduledEvent s:
                    scheduled[s.EventId] = (s, episode);
                    break;
                case TaskCompletedEvent c when scheduled.TryGetValue(c.TaskScheduledId, out var s):
                    // A completion is recorded in the episode that reads it, after that episode's OrchestratorStarted.
                    steps.Add(new Step(
                        s.Event.Name ?? "?",
                        (s.Event.Timestamp - s.Episode).TotalMilliseconds,
                        (c.Timestamp - s.Event.Timestamp).TotalMilliseconds,
                        (episode - c.Timestamp).TotalMilliseconds));
                    break;
            }
        }

        return steps;
    }

    /// <summary>
    /// An instance's episodes as offsets from its start: when each began and ended, how many activity results it read
    /// and when the first and last of those completed (for a slow run: did the results come late, or wait in the queue?).
    /// </summary>
    public static string Timeline(IEnumerable<HistoryEvent> history)
    {
        var text = new System.Text.StringBuilder();
        DateTime start = default;
        DateTime episode = default;
        var completions = new List<DateTime>();
        foreach (HistoryEvent e in history)
        {
            switch (e)
            {
                case ExecutionStartedEvent:
                    start = e.Timestamp;
                    break;
                case OrchestratorStartedEvent:
                    episode = e.Timestamp;
                    completions.Clear();
                    break;
                case TaskCompletedEvent:
                    completions.Add(e.Timestamp);
                    break;
                case OrchestratorCompletedEvent:
                    text.Append(System.Globalization.CultureInfo.InvariantCulture, $"  episode {Ms(episode)}–{Ms(e.Timestamp)} ms");
                    if (completions.Count > 0)
                    {
                        text.Append(System.Globalization.CultureInfo.InvariantCulture, $", {completions.Count} results completed {Ms(completions.Min())}–{Ms(completions.Max())} ms");
                    }

                    text.AppendLine();
                    break;
            }
        }

        return text.ToString();

        string Ms(DateTime t) => start == default ? "?" : Stats.Ms((t - start).TotalMilliseconds);
    }

    /// <summary>One activity of a chain.</summary>
    /// <param name="Activity">The activity's name.</param>
    /// <param name="TurnMs">Episode start → the activity scheduled (the orchestrator's code, through the sidecar: a gRPC round trip to the SDK worker).</param>
    /// <param name="OutMs">Scheduled → the activity's completion (the episode's commit, the work-item queue, the activity itself).</param>
    /// <param name="BackMs">Completion → the start of the episode that reads it (the control queue, the history load).</param>
    public sealed record Step(string Activity, double TurnMs, double OutMs, double BackMs)
    {
        public double TotalMs => TurnMs + OutMs + BackMs;
    }
}
