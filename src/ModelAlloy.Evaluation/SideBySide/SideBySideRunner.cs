using System.Diagnostics;
using System.Globalization;
using ModelAlloy.Evaluation.Datasets;
using ModelAlloy.Evaluation.Projection;
using ModelAlloy.Evaluation.Scoring;
using ModelAlloy.Models;

namespace ModelAlloy.Evaluation.SideBySide;

/// <summary>
/// Runs a dataset through several systems with bounded concurrency, scores every answer, and reads each run's model
/// calls back from the cost ledger (cost, calls per tier, cost per task type), so the report's totals are the ledger's.
/// </summary>
public static class SideBySideRunner
{
    /// <summary>Runs every system on every item.</summary>
    /// <param name="dataset">The dataset.</param>
    /// <param name="systems">The systems (pipelines and baselines).</param>
    /// <param name="runner">Runs one system on one item.</param>
    /// <param name="scorer">Scores each answer.</param>
    /// <param name="ledger">The ledger the runs record into.</param>
    /// <param name="options">Concurrency, tag and tiers.</param>
    /// <param name="progress">Receives a line now and then.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The report.</returns>
    public static async Task<SideBySideReport> RunAsync(
        EvalDataset dataset,
        IReadOnlyList<EvalSystem> systems,
        ISystemRunner runner,
        IAnswerScorer scorer,
        ICostLedger ledger,
        SideBySideOptions? options = null,
        IProgress<string>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(systems);
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(ledger);
        options ??= new SideBySideOptions();
        string tag = options.RunTag ?? DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);
        DateOnly firstDay = DateOnly.FromDateTime(DateTime.UtcNow);
        var clock = Stopwatch.StartNew();
        // Item-major, so every system meets the same load on the worker while it runs (latencies stay comparable).
        var work = (from i in Enumerable.Range(0, dataset.Items.Count) from s in Enumerable.Range(0, systems.Count) select (s, i)).ToList();
        var results = new (SystemRun Run, Score Score, double LatencyMs)[systems.Count, dataset.Items.Count];
        int done = 0;
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Concurrency), CancellationToken = cancellationToken }, async (job, ct) =>
        {
            EvalSystem system = systems[job.s];
            EvalItem item = dataset.Items[job.i];
            string runId = RunId(tag, job.s, job.i);
            var watch = Stopwatch.StartNew();
            SystemRun run = await runner.RunAsync(system, item, runId, ct).ConfigureAwait(false);
            double latency = watch.Elapsed.TotalMilliseconds;
            Score score = run.Error is { } error
                ? Score.Fail($"run failed: {error}")
                : await scorer.ScoreAsync(item, new SystemAnswer(run.Output, run.Route, runId), ct).ConfigureAwait(false);
            results[job.s, job.i] = (run, score, latency);
            int n = Interlocked.Increment(ref done);
            if (n % 100 == 0 || n == work.Count)
            {
                progress?.Report(string.Create(CultureInfo.InvariantCulture, $"{n:N0}/{work.Count:N0} runs ({clock.Elapsed.TotalSeconds:F0} s)"));
            }
        }).ConfigureAwait(false);

        List<CostRecord> records = [];
        await foreach (CostRecord record in ledger.QueryAsync(firstDay, DateOnly.FromDateTime(DateTime.UtcNow), cancellationToken).ConfigureAwait(false))
        {
            if (record.RunId.StartsWith($"eval-{tag}-", StringComparison.Ordinal) && record.TaskType != JudgeScorer.TaskType)
            {
                records.Add(record);
            }
        }

        ILookup<string, CostRecord> byRun = records.ToLookup(r => OwningRun(r.RunId, tag), StringComparer.Ordinal);
        var items = new List<ItemResult>();
        var summaries = new List<SystemSummary>();
        for (int s = 0; s < systems.Count; s++)
        {
            var mine = new List<ItemResult>();
            for (int i = 0; i < dataset.Items.Count; i++)
            {
                string runId = RunId(tag, s, i);
                (SystemRun run, Score score, double latency) = results[s, i];
                CostRecord[] calls = byRun[runId].ToArray();
                mine.Add(new ItemResult
                {
                    System = systems[s].Name,
                    ItemId = dataset.Items[i].Id,
                    RunId = runId,
                    TaskType = dataset.Items[i].Metadata.GetValueOrDefault("taskType") ?? "",
                    Score = score.Value,
                    ScoreDetail = score.Detail,
                    Route = run.Route,
                    CostUsd = run.CostUsd,
                    LedgerCostUsd = calls.Sum(c => c.CostUsd),
                    JudgeCostUsd = score.CostUsd,
                    LatencyMs = latency,
                    CallsByTier = calls.Where(c => c.ReachedProvider).GroupBy(c => TierOf(c.ModelId, options)).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
                    Simulated = run.Simulated || calls.Any(c => c.Simulated),
                    Error = run.Error,
                });
            }

            items.AddRange(mine);
            summaries.Add(Summarize(systems[s], mine, byRun, options));
        }

        return new SideBySideReport
        {
            Dataset = dataset.Name,
            Scorer = scorer.Name,
            RunTag = tag,
            Systems = summaries,
            Items = items,
            Projection = CostProjection.From(summaries, options.RequestsPerMonth),
            Tiers = [.. options.Tiers, .. summaries.SelectMany(x => x.TierShares.Keys).Distinct(StringComparer.Ordinal).Where(t => !options.Tiers.Contains(t)).Order(StringComparer.Ordinal)],
            WallSeconds = clock.Elapsed.TotalSeconds,
        };
    }

    /// <summary>The run id of system <paramref name="system"/> on item <paramref name="item"/>.</summary>
    /// <param name="tag">The run's tag.</param>
    /// <param name="system">The system's index.</param>
    /// <param name="item">The item's index.</param>
    /// <returns>The run id.</returns>
    public static string RunId(string tag, int system, int item) => string.Create(CultureInfo.InvariantCulture, $"eval-{tag}-s{system}-{item}");

    // Sub-pipelines run as sub-orchestrations whose instance ids extend the parent's: map them back to the item's run.
    private static string OwningRun(string runId, string tag)
    {
        string prefix = $"eval-{tag}-s";
        int end = prefix.Length;
        int dashes = 0;
        while (end < runId.Length && (char.IsAsciiDigit(runId[end]) || (runId[end] == '-' && dashes++ == 0)))
        {
            end++;
        }

        return runId[..end];
    }

    private static string TierOf(string model, SideBySideOptions options) => options.ModelTiers.GetValueOrDefault(model) ?? "unknown";

    private static SystemSummary Summarize(EvalSystem system, List<ItemResult> items, ILookup<string, CostRecord> byRun, SideBySideOptions options)
    {
        var calls = items.SelectMany(i => byRun[i.RunId]).ToList();
        int reached = calls.Count(c => c.ReachedProvider);
        return new SystemSummary
        {
            System = system,
            Items = items.Count,
            Failures = items.Count(i => i.Error is not null),
            Quality = items.Count == 0 ? 0 : items.Average(i => i.Score),
            CostUsd = items.Sum(i => i.CostUsd),
            LedgerCostUsd = calls.Sum(c => c.CostUsd),
            JudgeCostUsd = items.Sum(i => i.JudgeCostUsd),
            MeanLatencyMs = items.Count == 0 ? 0 : items.Average(i => i.LatencyMs),
            P50LatencyMs = Percentiles.Of(items.Select(i => i.LatencyMs), 50),
            P95LatencyMs = Percentiles.Of(items.Select(i => i.LatencyMs), 95),
            TierShares = calls.Where(c => c.ReachedProvider).GroupBy(c => TierOf(c.ModelId, options)).ToDictionary(g => g.Key, g => (double)g.Count() / reached, StringComparer.Ordinal),
            CostByTaskType = calls.GroupBy(c => c.TaskType).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(c => c.CostUsd), StringComparer.Ordinal),
            Simulated = items.Any(i => i.Simulated),
        };
    }
}
