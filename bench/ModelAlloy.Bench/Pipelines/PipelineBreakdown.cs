using DurableTask.Core.History;
using ModelAlloy.Hosting.SelfHosted;

namespace ModelAlloy.Bench.Pipelines;

/// <summary>
/// Where a pipeline run's time goes, from its DTFx history (<c>--breakdown</c>): each activity's step split as in
/// <see cref="Breakdown"/>, and the run's start (ExecutionStarted → its first episode) and the end its client saw
/// (the last episode's end → the client's wait returning, inferred from the measured wall time).
/// </summary>
internal static class PipelineBreakdown
{
    public static async Task PrintAsync(string backend, SelfHostedDurableHost host, IEnumerable<PipelineSample> samples)
    {
        Console.WriteLine($"Where a run's time goes on {backend} (mean per run, from DTFx history timestamps):");
        Console.WriteLine();
        Console.WriteLine("| pipeline | activity | steps / run | episode start → scheduled (ms) | scheduled → activity done (ms) | done → next episode (ms) | step (ms) |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
        var ends = new List<(string Pipeline, double StartMs, double EndMs, int Episodes)>();
        foreach (IGrouping<string, PipelineSample> pipeline in samples.GroupBy(s => s.Pipeline))
        {
            var steps = new List<Breakdown.Step>();
            var starts = new List<double>();
            var tails = new List<double>();
            var episodes = new List<int>();
            foreach (PipelineSample sample in pipeline)
            {
                IReadOnlyList<HistoryEvent> history = await History.OfAsync(host, sample.InstanceId);
                steps.AddRange(Breakdown.Steps(history));
                DateTime started = history.OfType<ExecutionStartedEvent>().First().Timestamp;
                DateTime firstEpisode = history.OfType<OrchestratorStartedEvent>().First().Timestamp;
                DateTime lastEnd = history.OfType<OrchestratorCompletedEvent>().Last().Timestamp;
                starts.Add((firstEpisode - started).TotalMilliseconds);
                tails.Add(sample.WallMs - (lastEnd - started).TotalMilliseconds);
                episodes.Add(history.OfType<OrchestratorStartedEvent>().Count());
            }

            int runs = pipeline.Count();
            foreach (IGrouping<string, Breakdown.Step> activity in steps.GroupBy(s => s.Activity))
            {
                Console.WriteLine($"| {pipeline.Key} | {activity.Key} | {activity.Count() / (double)runs:0.#} | {Stats.Ms(activity.Average(s => s.TurnMs))} | {Stats.Ms(activity.Average(s => s.OutMs))} | {Stats.Ms(activity.Average(s => s.BackMs))} | {Stats.Ms(activity.Average(s => s.TotalMs))} |");
            }

            ends.Add((pipeline.Key, starts.Average(), tails.Average(), (int)Math.Round(episodes.Average())));
        }

        Console.WriteLine();
        Console.WriteLine("| pipeline | episodes / run | scheduled → first episode (ms) | last episode's end → client's wait returns, incl. scheduling (ms) |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach ((string name, double start, double end, int count) in ends)
        {
            Console.WriteLine($"| {name} | {count} | {Stats.Ms(start)} | {Stats.Ms(end)} |");
        }

        Console.WriteLine();
    }
}
