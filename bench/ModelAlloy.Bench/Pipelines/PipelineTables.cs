using System.Globalization;

namespace ModelAlloy.Bench.Pipelines;

/// <summary>The workload's markdown: latency against the critical path per backend, cost against the baseline, the targets.</summary>
internal static class PipelineTables
{
    public static void Print(List<(string Backend, PipelineSample Sample)> samples, List<CostSample> costs, List<string> backends, BenchArgs a)
    {
        var pipelines = samples.Select(s => s.Sample.Pipeline).Distinct(StringComparer.Ordinal).ToList();
        Console.WriteLine($"## Pipelines: end-to-end latency vs the critical path of model time ({a.Items} runs per pipeline and backend)");
        Console.WriteLine();
        Console.WriteLine("| pipeline | backend | runs | model calls / run | critical path, mean (ms) | end-to-end p50 (ms) | end-to-end mean (ms) | overhead, mean (ms) | overhead (% of critical path) |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (string pipeline in pipelines)
        {
            foreach (string backend in backends)
            {
                List<PipelineSample> runs = [.. samples.Where(s => s.Backend == backend && s.Sample.Pipeline == pipeline).Select(s => s.Sample)];
                if (runs.Count == 0)
                {
                    continue;
                }

                var wall = new Stats(runs.Select(r => r.WallMs));
                double critical = runs.Average(r => r.CriticalMs);
                string note = runs.Any(r => r.Reviewed) ? " ¹" : string.Empty;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {pipeline}{note} | {backend} | {runs.Count} | {runs.Average(r => r.Calls):0.#} | {Stats.Ms(critical)} | {Stats.Ms(wall.P50)} | {Stats.Ms(wall.Mean)} | {Stats.Ms(wall.Mean - critical)} | {Percent(wall.Mean, critical)} |"));
            }
        }

        Console.WriteLine();
        Console.WriteLine("critical path = the run's ledger latencies (measured around each provider call); attempts scheduled in one orchestration episode");
        Console.WriteLine("ran at once and count as their slowest, episodes add up; overhead = end-to-end − critical path; end-to-end = scheduling →");
        Console.WriteLine("the SDK client's WaitForInstanceCompletionAsync returning. Routes differ per item (support-triage), so calls per run vary.");
        if (samples.Any(s => s.Sample.Reviewed))
        {
            Console.WriteLine("¹ asks a person when its members disagree (simulated members always do): the bench answers the review as soon as it sees");
            Console.WriteLine("  it, polling the custom status every 25 ms; that wait is in its overhead.");
        }

        Console.WriteLine();
        Console.WriteLine("## Cost per 1,000 items vs one capable-model call per item (catalog prices, same items)");
        Console.WriteLine();
        Console.WriteLine("| pipeline | dataset | items | paths taken (runs) | cost / 1,000 items ($) | capable model alone / 1,000 items ($) | vs capable alone |");
        Console.WriteLine("|---|---|---:|---|---:|---:|---:|");
        foreach (CostSample cost in costs)
        {
            decimal mine = cost.PipelineUsdPerItem * 1000;
            decimal single = cost.BaselineUsdPerItem * 1000;
            string versus = single == 0 ? "—" : mine <= single
                ? string.Create(CultureInfo.InvariantCulture, $"−{(1 - (mine / single)) * 100:0}%")
                : string.Create(CultureInfo.InvariantCulture, $"{mine / single:0.0}×");
            string paths = string.Join("; ", cost.Paths.Take(4).Select(p => $"{p.Path} ({p.Runs})")) + (cost.Paths.Count > 4 ? $"; {cost.Paths.Count - 4} more" : string.Empty);
            Console.WriteLine($"| {cost.Pipeline} | {PipelineItems.DatasetFor(cost.Pipeline)} | {cost.Items} | {paths} | {PipelineBench.Usd(mine)} | {PipelineBench.Usd(single)} | {versus} |");
        }

        Console.WriteLine();
        Console.WriteLine("Simulated verdicts are fixed (pipelines/catalogs/README.md): judges score 0 and checkers fail, so cascades always escalate,");
        Console.WriteLine("drafts are always polished and refine loops run every round (the expensive end); the classifier always picks the first");
        Console.WriteLine("route, so tickets no rule matches take the cheap account route (the cheap end). Real-model costs fall in between.");
        Console.WriteLine();
        Console.WriteLine($"Every run used simulated models: {(samples.All(s => s.Sample.Simulated) ? "yes, every result says SIMULATED" : "NO — some result did not say SIMULATED")}.");
        Console.WriteLine();
        Console.WriteLine("Targets (reported, not asserted):");
        foreach (string backend in backends)
        {
            List<PipelineSample> chain = [.. samples.Where(s => s.Backend == backend && s.Sample.Pipeline == BenchPipelineFolder.Chain5).Select(s => s.Sample)];
            if (chain.Count > 0)
            {
                double wall = chain.Average(r => r.WallMs);
                double critical = chain.Average(r => r.CriticalMs);
                string target = backend == "in-memory" ? "≤ 10%" : "≤ 25%";
                Console.WriteLine($"- five-stage chain on {backend}: overhead {Percent(wall, critical)} of model time (target {target})");
            }

            List<PipelineSample> ensemble = [.. samples.Where(s => s.Backend == backend && s.Sample.Pipeline == BenchPipelineFolder.Ensemble3).Select(s => s.Sample)];
            if (ensemble.Count > 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"- ensemble of 3 capable models on {backend}: end-to-end p50 {Stats.Ms(new Stats(ensemble.Select(r => r.WallMs)).P50)} ms; one call {a.CapableMs} ms, three in a row {3 * a.CapableMs} ms, summed model time {Stats.Ms(ensemble.Average(r => r.ModelMs))} ms"));
            }
        }

        Console.WriteLine();
    }

    private static string Percent(double wall, double critical) =>
        critical <= 0 ? "—" : ((wall - critical) / critical * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
