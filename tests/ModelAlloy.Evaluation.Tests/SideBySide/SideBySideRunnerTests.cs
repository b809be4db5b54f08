using ModelAlloy.Evaluation.Datasets;
using ModelAlloy.Evaluation.Scoring;
using ModelAlloy.Evaluation.SideBySide;
using ModelAlloy.Models;

namespace ModelAlloy.Evaluation.Tests.SideBySide;

public sealed class SideBySideRunnerTests
{
    private static readonly EvalDataset Dataset = new("tiny.jsonl",
    [
        new EvalItem { Id = "a", Input = "reset my password", Labels = ["account"], Metadata = new Dictionary<string, string> { ["taskType"] = "triage" } },
        new EvalItem { Id = "b", Input = "refund please", Labels = ["billing"] },
        new EvalItem { Id = "c", Input = "it crashes", Labels = ["technical"] },
        new EvalItem { Id = "d", Input = "hello", Labels = ["general"] },
    ]);

    [Fact]
    public async Task Tier_shares_costs_and_percentiles_come_from_the_ledger_rows_of_each_run()
    {
        var ledger = new InMemoryCostLedger();
        var runner = new ScriptedRunner(ledger);
        EvalSystem[] systems = [EvalSystem.ForPipeline("triage"), EvalSystem.Baseline("big")];

        SideBySideReport report = await SideBySideRunner.RunAsync(
            Dataset, systems, runner, new RouteScorer(), ledger,
            new SideBySideOptions { RunTag = "t1", Concurrency = 3, ModelTiers = new Dictionary<string, string> { ["small"] = "Economy", ["big"] = "Premium" } },
            cancellationToken: TestTimeout.Token());

        SystemSummary triage = report.Systems[0], big = report.Systems[1];
        // triage: items a, b answered by small (one call each, $0.001); c escalates: small then big ($0.001 + $0.01,
        // the big call in a sub-run "eval-t1-s0-2:sub"); d: small, one throttled attempt that never reached the provider.
        Assert.Equal(0.004m + 0.01m, triage.CostUsd);
        Assert.Equal(triage.CostUsd, triage.LedgerCostUsd);
        Assert.Equal(4.0 / 5, triage.TierShares["Economy"], 9);
        Assert.Equal(1.0 / 5, triage.TierShares["Premium"], 9);
        Assert.Equal(1.0, big.TierShares["Premium"]);
        Assert.False(big.TierShares.ContainsKey("Economy"));
        Assert.Equal(0.04m, big.CostUsd);
        Assert.Equal(big.CostUsd, big.LedgerCostUsd);
        // Scripted routes: a, b, c right; d routed to 'account' (wrong). The baseline answers JSON routes: all 'billing'.
        Assert.Equal(0.75, triage.Quality);
        Assert.Equal(0.25, big.Quality);
        Assert.Equal(["answer", "classify"], triage.CostByTaskType.Keys);
        Assert.Equal(0.013m, triage.CostByTaskType["answer"]);
        Assert.Equal(0.001m, triage.CostByTaskType["classify"]);
        // The judge's row under the same run id is not the system's cost.
        Assert.DoesNotContain(report.Items, i => i.LedgerCostUsd != i.CostUsd);
        Assert.Equal("triage", report.Items.Single(i => i.System == "triage" && i.ItemId == "a").TaskType);
        Assert.Equal(2, report.Items.Single(i => i.System == "triage" && i.ItemId == "c").CallsByTier.Values.Sum());
    }

    [Fact]
    public void Percentiles_interpolate_between_ranks()
    {
        double[] latencies = [10, 20, 30, 40, 100];
        Assert.Equal(30, Percentiles.Of(latencies, 50));
        Assert.Equal(88, Percentiles.Of(latencies, 95), 9); // rank 3.8: 40 + 0.8 × 60
        Assert.Equal(0, Percentiles.Of([], 95));
    }

    /// <summary>Writes each run's attempts into the ledger as a pipeline run would, and answers from a script.</summary>
    private sealed class ScriptedRunner(InMemoryCostLedger ledger) : ISystemRunner
    {
        private int _calls;

        public async Task<SystemRun> RunAsync(EvalSystem system, EvalItem item, string runId, CancellationToken cancellationToken)
        {
            if (system.IsBaseline)
            {
                await Record(runId, "big", 0.01m, "baseline");
                return new SystemRun("""{"route":"billing"}""", null, 0.01m, Simulated: false);
            }

            await Record(runId, "small", 0.001m, item.Id == "a" ? "classify" : "answer");
            decimal cost = 0.001m;
            if (item.Id == "c")
            {
                await Record(runId + ":sub", "big", 0.01m, "answer");
                cost += 0.01m;
            }

            if (item.Id == "d")
            {
                await Record(runId, "big", 0m, "answer", "CoolingDown");
                await Record(runId + "/judge", "big", 0.5m, JudgeScorer.TaskType);
            }

            string route = item.Id == "d" ? "account" : item.Labels[0];
            return new SystemRun("answer", route, cost, Simulated: false);
        }

        private Task Record(string runId, string model, decimal cost, string taskType, string outcome = "Succeeded") =>
            ledger.RecordAsync(new CostRecord
            {
                CallId = $"{runId}#{Interlocked.Increment(ref _calls)}",
                RunId = runId,
                Pipeline = "p",
                TaskType = taskType,
                ModelId = model,
                Provider = "OpenAICompatible",
                Deployment = model,
                Outcome = outcome,
                CostUsd = cost,
                OccurredAtUtc = DateTime.UtcNow,
            });
    }
}
