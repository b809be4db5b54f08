using System.Globalization;

namespace ModelAlloy.Models;

/// <summary>Builds the page's data from ledger records with the existing aggregates, findings and baseline.</summary>
internal static class DashboardDataBuilder
{
    private const int Money = 10;

    public static DashboardData Build(IReadOnlyList<CostRecord> records, ModelCatalog? catalog, CostDashboardOptions options)
    {
        DateOnly from = options.From ?? (records.Count > 0 ? records.Min(r => r.Day) : DateOnly.FromDateTime(DateTime.UnixEpoch));
        DateOnly to = options.To ?? (records.Count > 0 ? records.Max(r => r.Day) : from);
        List<CostRecord> shown = records.Where(r => r.Day >= from && r.Day <= to).ToList();
        List<string> days = Enumerable.Range(0, Math.Max(0, to.DayNumber - from.DayNumber + 1)).Select(i => Day(from.AddDays(i))).ToList();

        var totals = new DashboardTotals(
            Round(shown.Sum(r => r.CostUsd)),
            shown.Count(r => r.ReachedProvider),
            shown.Count(r => r.Succeeded),
            shown.Count(r => !r.ReachedProvider),
            shown.Sum(r => r.InputTokens),
            shown.Sum(r => r.OutputTokens),
            shown.Count(r => r.Simulated),
            shown.Count(r => r.UsageEstimated));
        var breakdowns = new DashboardBreakdowns(
            Series(shown, days, CostDimension.Pipeline), Series(shown, days, CostDimension.TaskType), Series(shown, days, CostDimension.Model));
        DashboardBaseline? baseline = null;
        if (catalog is not null && shown.Count > 0)
        {
            BaselineComparison b = CostBaseline.Compare(shown, catalog, options.BaselineModelId);
            baseline = new DashboardBaseline(b.BaselineModel, Round(b.ActualCostUsd), Round(b.BaselineCostUsd), Round(b.SavingUsd), b.SavingRate, b.Answers);
        }

        return new DashboardData(
            options.Title, Day(from), Day(to), totals, days, breakdowns, Tiers(shown, catalog), Findings(shown, options), baseline);
    }

    private static List<DashboardSeries> Series(List<CostRecord> records, List<string> days, CostDimension dimension)
    {
        IReadOnlyList<CostAggregate> aggregates = CostAggregator.Aggregate(records, CostPeriod.Day, dimension);
        return aggregates.GroupBy(a => a.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                Dictionary<string, decimal> byDay = g.ToDictionary(a => a.Period, a => a.CostUsd, StringComparer.Ordinal);
                return new DashboardSeries(
                    g.Key, Round(g.Sum(a => a.CostUsd)), g.Sum(a => a.Calls), days.Select(d => Round(byDay.GetValueOrDefault(d))).ToList());
            })
            .OrderByDescending(s => s.TotalUsd)
            .ThenBy(s => s.Key, StringComparer.Ordinal)
            .ToList();
    }

    private static List<DashboardTier> Tiers(List<CostRecord> records, ModelCatalog? catalog) =>
        records.GroupBy(r => TierOf(r, catalog), StringComparer.Ordinal)
            .Select(g => new DashboardTier(g.Key, g.Count(r => r.ReachedProvider), g.Count(r => r.Succeeded), Round(g.Sum(r => r.CostUsd))))
            .OrderBy(t => TierOrder(t.Tier))
            .ThenBy(t => t.Tier, StringComparer.Ordinal)
            .ToList();

    private static string TierOf(CostRecord record, ModelCatalog? catalog) =>
        catalog is not null && catalog.Options.Models.TryGetValue(record.ModelId, out ModelDefinition? model) ? model.Tier.ToString()
        : string.Equals(record.Provider, "human", StringComparison.OrdinalIgnoreCase) ? "Human"
        : "Unknown";

    private static int TierOrder(string tier) => tier switch
    {
        nameof(ModelTier.Economy) => 0,
        nameof(ModelTier.Standard) => 1,
        nameof(ModelTier.Premium) => 2,
        "Human" => 3,
        _ => 4,
    };

    private static List<DashboardFinding> Findings(List<CostRecord> records, CostDashboardOptions options) =>
        ExpensiveModelDetector.Detect(records, options.Findings)
            .Select(f => new DashboardFinding(
                f.TaskType, f.ExpensiveModel, f.CheapModel, Round(f.ExpensiveCostPerAnswer), Round(f.CheapCostPerAnswer),
                f.ExpensiveSuccessRate, f.CheapSuccessRate, f.ExpensiveAnswers, Round(f.PotentialSavingUsd),
                f.CostRatio == decimal.MaxValue ? 0 : Math.Round(f.CostRatio, 1)))
            .ToList();

    private static decimal Round(decimal value) => Math.Round(value, Money);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
