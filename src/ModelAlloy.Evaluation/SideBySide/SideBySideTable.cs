using System.Globalization;
using System.Text;
using ModelAlloy.Evaluation.Projection;

namespace ModelAlloy.Evaluation.SideBySide;

/// <summary>The terminal tables of a side-by-side run: per system, then the 1M-requests/month projection.</summary>
public static class SideBySideTable
{
    /// <summary>Formats the report.</summary>
    /// <param name="report">The report.</param>
    /// <returns>Plain text, one row per system.</returns>
    public static string Format(SideBySideReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        int items = report.Systems.Count == 0 ? 0 : report.Systems[0].Items;
        text.Append(inv, $"{report.Dataset}: {items:N0} items × {report.Systems.Count} systems, scorer '{report.Scorer}'{(report.Simulated ? " — SIMULATED models (quality from the simulated provider's skill model)" : "")}\n\n");
        int width = Math.Max(6, report.Systems.Max(s => s.System.Name.Length));
        text.Append(inv, $"{"system".PadRight(width)}  {"quality",7}  {"cost $",10}  {"$/item",10}  {"p50 ms",8}  {"p95 ms",8}");
        foreach (string tier in report.Tiers)
        {
            text.Append(inv, $"  {tier,8}");
        }

        text.Append(inv, $"  {"judge $",9}  {"failed",6}\n");
        foreach (SystemSummary s in report.Systems)
        {
            text.Append(inv, $"{s.System.Name.PadRight(width)}  {s.Quality * 100,6:F1}%  {s.CostUsd,10:F4}  {s.CostPerItemUsd,10:F6}  {s.P50LatencyMs,8:F0}  {s.P95LatencyMs,8:F0}");
            foreach (string tier in report.Tiers)
            {
                text.Append(inv, $"  {s.TierShares.GetValueOrDefault(tier) * 100,7:F1}%");
            }

            text.Append(inv, $"  {s.JudgeCostUsd,9:F4}  {s.Failures,6}\n");
        }

        text.Append('\n').Append(Projection(report.Projection));
        text.Append(inv, $"\nCost per task type (ledger):\n");
        foreach (SystemSummary s in report.Systems)
        {
            text.Append(inv, $"  {s.System.Name.PadRight(width)}  {string.Join(", ", s.CostByTaskType.Select(kv => string.Create(inv, $"{kv.Key} ${kv.Value:F4}")))}\n");
        }

        return text.ToString();
    }

    /// <summary>Formats the projection table.</summary>
    /// <param name="rows">The projection.</param>
    /// <returns>Plain text.</returns>
    public static string Projection(IReadOnlyList<ProjectionRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        long volume = rows.Count == 0 ? CostProjection.DefaultRequestsPerMonth : rows[0].RequestsPerMonth;
        text.Append(inv, $"Projected to {volume:N0} requests/month (measured mean cost and latency per item):\n");
        int width = Math.Max(12, rows.Select(r => r.Architecture.Length).DefaultIfEmpty(0).Max());
        text.Append(inv, $"{"architecture".PadRight(width)}  {"monthly cost",14}  {"avg latency",12}  {"quality",7}\n");
        foreach (ProjectionRow r in rows)
        {
            text.Append(inv, $"{r.Architecture.PadRight(width)}  {Dollars(r.MonthlyCostUsd),14}  {r.AverageLatencyMs,9:F0} ms  {r.Quality * 100,6:F1}%\n");
        }

        return text.ToString();
    }

    /// <summary>Formats whole dollars with thousands separators, e.g. <c>$1,234</c> (cents below $100).</summary>
    /// <param name="value">The amount.</param>
    /// <returns>The text.</returns>
    public static string Dollars(decimal value) =>
        "$" + value.ToString(value < 100 ? "N2" : "N0", CultureInfo.InvariantCulture);
}
