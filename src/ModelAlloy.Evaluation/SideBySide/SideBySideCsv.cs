using System.Globalization;
using System.Text;

namespace ModelAlloy.Evaluation.SideBySide;

/// <summary>The CSV files of a side-by-side run: one row per item and system, one per system, and the projection.</summary>
public static class SideBySideCsv
{
    /// <summary>One row per system and item.</summary>
    /// <param name="report">The report.</param>
    /// <returns>CSV text with a header.</returns>
    public static string Items(SideBySideReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder();
        Row(csv, ["system", "item", "run_id", "task_type", "score", "route", "cost_usd", "ledger_cost_usd", "judge_cost_usd", "latency_ms", .. report.Tiers.Select(t => $"calls_{t}"), "simulated", "error", "score_detail"]);
        foreach (ItemResult i in report.Items)
        {
            Row(csv, [i.System, i.ItemId, i.RunId, i.TaskType, N(i.Score), i.Route ?? "", N(i.CostUsd), N(i.LedgerCostUsd), N(i.JudgeCostUsd), N(i.LatencyMs, "F1"),
                .. report.Tiers.Select(t => N(i.CallsByTier.GetValueOrDefault(t))), i.Simulated ? "true" : "false", i.Error ?? "", i.ScoreDetail]);
        }

        return csv.ToString();
    }

    /// <summary>One row per system, with its projection to the monthly volume.</summary>
    /// <param name="report">The report.</param>
    /// <returns>CSV text with a header.</returns>
    public static string Systems(SideBySideReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder();
        Row(csv, ["system", "pipeline", "model", "items", "failures", "quality", "cost_usd", "ledger_cost_usd", "cost_per_item_usd", "judge_cost_usd", "latency_mean_ms", "latency_p50_ms", "latency_p95_ms",
            .. report.Tiers.Select(t => $"share_{t}"), "requests_per_month", "monthly_cost_usd", "simulated", "cost_by_task_type"]);
        for (int k = 0; k < report.Systems.Count; k++)
        {
            SystemSummary s = report.Systems[k];
            Projection.ProjectionRow p = report.Projection[k];
            Row(csv, [s.System.Name, s.System.Pipeline, s.System.Model ?? "", N(s.Items), N(s.Failures), N(s.Quality), N(s.CostUsd), N(s.LedgerCostUsd), N(s.CostPerItemUsd), N(s.JudgeCostUsd),
                N(s.MeanLatencyMs, "F1"), N(s.P50LatencyMs, "F1"), N(s.P95LatencyMs, "F1"), .. report.Tiers.Select(t => N(s.TierShares.GetValueOrDefault(t))),
                N(p.RequestsPerMonth), N(p.MonthlyCostUsd, "F2"), s.Simulated ? "true" : "false",
                string.Join("; ", s.CostByTaskType.Select(kv => $"{kv.Key}={N(kv.Value)}"))]);
        }

        return csv.ToString();
    }

    private static string N(IFormattable value, string? format = null) => value.ToString(format, CultureInfo.InvariantCulture);

    private static void Row(StringBuilder csv, IEnumerable<string> fields) =>
        csv.Append(string.Join(",", fields.Select(Quote))).Append('\n');

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
