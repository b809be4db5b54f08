using System.Globalization;
using System.Net;
using System.Text;
using ModelAlloy.Evaluation.Projection;

namespace ModelAlloy.Evaluation.SideBySide;

/// <summary>The self-contained HTML report of a side-by-side run (inline CSS and SVG; nothing loaded from elsewhere).</summary>
public static class SideBySideHtml
{
    /// <summary>Renders the report.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The HTML page.</returns>
    public static string Render(SideBySideReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var inv = CultureInfo.InvariantCulture;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>alloy eval run — ")
            .Append(E(report.Dataset)).Append("</title>\n<style>body{font-family:sans-serif;margin:24px;max-width:1100px}")
            .Append("table{border-collapse:collapse;margin:12px 0}th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}")
            .Append("th:first-child,td:first-child{text-align:left}.sim{background:#fff3cd;border:1px solid #e0c36a;padding:8px;font-weight:bold}</style></head><body>\n");
        html.Append(inv, $"<h1>Side-by-side: {E(report.Dataset)}</h1>\n<p>{report.Systems.FirstOrDefault()?.Items ?? 0:N0} items × {report.Systems.Count} systems; scorer <b>{E(report.Scorer)}</b>; run tag {E(report.RunTag)}; {report.WallSeconds:F0} s wall.</p>\n");
        if (report.Simulated)
        {
            html.Append("<p class=\"sim\">SIMULATED: answers came from simulated models; quality follows the simulated provider's skill model, not a real model's.</p>\n");
        }

        html.Append("<h2>Systems</h2>\n<table><tr><th>system</th><th>quality</th><th>cost $</th><th>ledger $</th><th>$/item</th><th>p50 ms</th><th>p95 ms</th>");
        foreach (string tier in report.Tiers)
        {
            html.Append("<th>").Append(E(tier)).Append(" calls</th>");
        }

        html.Append("<th>judge $</th><th>failed</th></tr>\n");
        foreach (SystemSummary s in report.Systems)
        {
            html.Append(inv, $"<tr><td>{E(s.System.Name)}</td><td>{s.Quality * 100:F1}%</td><td>{s.CostUsd:F4}</td><td>{s.LedgerCostUsd:F4}</td><td>{s.CostPerItemUsd:F6}</td><td>{s.P50LatencyMs:F0}</td><td>{s.P95LatencyMs:F0}</td>");
            foreach (string tier in report.Tiers)
            {
                html.Append(inv, $"<td>{s.TierShares.GetValueOrDefault(tier) * 100:F1}%</td>");
            }

            html.Append(inv, $"<td>{s.JudgeCostUsd:F4}</td><td>{s.Failures}</td></tr>\n");
        }

        html.Append("</table>\n<h2>Cost against quality</h2>\n").Append(SideBySideCharts.CostVersusQuality(report));
        html.Append("<h2>Cost per task type</h2>\n").Append(SideBySideCharts.CostByTaskType(report));
        long volume = report.Projection.FirstOrDefault()?.RequestsPerMonth ?? CostProjection.DefaultRequestsPerMonth;
        html.Append(inv, $"<h2>Projected to {volume:N0} requests a month</h2>\n<p>From the measured mean cost and latency per item.</p>\n");
        html.Append("<table><tr><th>architecture</th><th>monthly cost</th><th>avg latency</th><th>quality</th></tr>\n");
        foreach (ProjectionRow r in report.Projection)
        {
            html.Append(inv, $"<tr><td>{E(r.Architecture)}</td><td>{SideBySideTable.Dollars(r.MonthlyCostUsd)}</td><td>{r.AverageLatencyMs:F0} ms</td><td>{r.Quality * 100:F1}%</td></tr>\n");
        }

        html.Append("</table>\n<p>Per-item results: items.csv; per system: systems.csv.</p>\n</body></html>\n");
        return html.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
