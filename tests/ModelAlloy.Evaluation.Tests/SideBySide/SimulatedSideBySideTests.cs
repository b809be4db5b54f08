using ModelAlloy.Evaluation.Datasets;
using ModelAlloy.Evaluation.Scoring;
using ModelAlloy.Evaluation.SelfHosted;
using ModelAlloy.Evaluation.SideBySide;
using ModelAlloy.Models;

namespace ModelAlloy.Evaluation.Tests.SideBySide;

/// <summary>support-triage against every simulated catalog model alone, on the self-hosted worker (in memory).</summary>
public sealed class SimulatedSideBySideTests
{
    private static readonly string Pipelines = Path.Combine(AppContext.BaseDirectory, "pipelines");

    [Fact]
    public async Task The_runs_cost_totals_equal_the_ledgers_sum_for_those_runs()
    {
        EvalDataset dataset = await TriageTickets.LoadAsync();
        await using SideBySideSession session = await SideBySideSession.StartAsync(new SideBySideSessionOptions
        {
            PipelinesFolder = Pipelines,
            Pipelines = ["support-triage"],
            Baselines = ["all"],
            BaselineRoutes = ["account", "billing", "expert", "general", "technical"],
        }, TestTimeout.Token(60));

        SideBySideReport report = await session.RunAsync(dataset, new RouteScorer(), concurrency: 4, cancellationToken: TestTimeout.Token(120));

        Assert.Equal(["support-triage", "baseline:sim-haiku", "baseline:sim-large", "baseline:sim-mini"], report.Systems.Select(s => s.System.Name));
        Assert.All(report.Systems, s => Assert.Equal(0, s.Failures));
        Assert.True(report.Simulated);
        var ledger = (InMemoryCostLedger)session.Ledger;
        decimal ledgerTotal = ledger.Records.Where(r => r.RunId.StartsWith($"eval-{report.RunTag}-", StringComparison.Ordinal)).Sum(r => r.CostUsd);
        Assert.True(ledgerTotal > 0);
        Assert.Equal(ledgerTotal, report.Systems.Sum(s => s.CostUsd));
        foreach (SystemSummary s in report.Systems)
        {
            Assert.Equal(s.LedgerCostUsd, s.CostUsd);
            Assert.Equal(s.CostUsd, s.CostByTaskType.Values.Sum());
        }

        foreach (ItemResult item in report.Items)
        {
            decimal fromLedger = ledger.Records.Where(r => r.RunId == item.RunId || r.RunId.StartsWith(item.RunId + ":", StringComparison.Ordinal)).Sum(r => r.CostUsd);
            Assert.Equal(fromLedger, item.CostUsd);
        }
    }

    [Fact]
    public async Task Tier_shares_follow_the_catalog_tiers_and_rules_route_to_the_label()
    {
        EvalDataset dataset = await TriageTickets.LoadAsync();
        await using SideBySideSession session = await SideBySideSession.StartAsync(new SideBySideSessionOptions
        {
            PipelinesFolder = Pipelines,
            Pipelines = ["support-triage"],
            Baselines = ["sim-large", "sim-mini"],
            BaselineRoutes = ["account", "billing", "expert", "general", "technical"],
        }, TestTimeout.Token(60));

        SideBySideReport report = await session.RunAsync(dataset, new RouteScorer(), concurrency: 4, cancellationToken: TestTimeout.Token(120));

        SystemSummary triage = report.Systems[0], large = report.Systems[1], mini = report.Systems[2];
        Assert.Equal(1.0, large.TierShares["Premium"]);
        Assert.Equal(1.0, mini.TierShares["Economy"]);
        Assert.Equal(1.0, triage.TierShares.Values.Sum(), 9);
        // Technical (chain ending on 'capable') and expert (enterprise → 'capable') tickets call the Premium model.
        Assert.True(triage.TierShares["Premium"] > 0);
        Assert.True(triage.TierShares["Economy"] > 0);
        // Every ticket but the rule-less one (T-5, left to the simulated classifier) is routed by a rule to its label.
        Assert.All(report.Items.Where(i => i.System == "support-triage" && i.ItemId != "T-5"), i => Assert.True(i.Score == 1, $"{i.ItemId}: {i.ScoreDetail}"));
        Assert.Equal("expert", report.Items.Single(i => i.System == "support-triage" && i.ItemId == "T-4").Route);
        Assert.All(report.Items.Where(i => i.System.StartsWith("baseline:", StringComparison.Ordinal)), i => Assert.StartsWith("answered route", i.ScoreDetail));
        Assert.True(large.CostPerItemUsd > mini.CostPerItemUsd);

        string html = SideBySideHtml.Render(report);
        Assert.Contains("SIMULATED", html);
        Assert.Equal(2, html.Split("<svg").Length - 1);
        Assert.DoesNotContain("http", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal));
        string[] systemsCsv = SideBySideCsv.Systems(report).TrimEnd().Split('\n');
        Assert.Equal(4, systemsCsv.Length);
        Assert.StartsWith("system,pipeline,model,items,failures,quality,cost_usd,ledger_cost_usd", systemsCsv[0]);
        Assert.Equal(1 + (3 * dataset.Items.Count), SideBySideCsv.Items(report).TrimEnd().Split('\n').Length);
    }
}
