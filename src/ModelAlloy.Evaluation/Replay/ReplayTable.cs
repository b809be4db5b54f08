using System.Globalization;
using System.Text;

namespace ModelAlloy.Evaluation.Replay;

/// <summary>Formats a <see cref="ReplayReport"/> as a plain-text table.</summary>
public static class ReplayTable
{
    /// <summary>Formats the report.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The table with its header lines and notes.</returns>
    public static string Format(ReplayReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var inv = CultureInfo.InvariantCulture;
        RequestCostModel c = report.Costs;
        var text = new StringBuilder();
        text.AppendLine(inv, $"Replay on recorded outcomes: {report.Requests:N0} requests, {report.TaskTypes} task types; weak {c.Weak.Model} {report.WeakQuality * 100:F1}% correct, strong {c.Strong.Model} {report.StrongQuality * 100:F1}%");
        text.AppendLine(inv, $"Prices per 1M tokens in/out: weak ${c.Weak.InputPerMillion}/${c.Weak.OutputPerMillion}, strong ${c.Strong.InputPerMillion}/${c.Strong.OutputPerMillion}; a request = {c.InputTokens:F0} input + {c.OutputTokens:F0} output tokens");
        text.AppendLine("APGR: average performance gap recovered over strong shares 0-100%; CPT(x%): fewest strong calls recovering x% of the gap (RouteLLM's metrics).");
        text.AppendLine();
        string[] header = ["policy", "evaluated on", "APGR", "CPT(50%)", "CPT(80%)", "$/1M req @CPT(50%)", "$/1M req @CPT(80%)"];
        var lines = new List<string[]> { header };
        foreach (ReplayRow row in report.Rows)
        {
            if (row.FixedShare is { } share)
            {
                string cost = Dollars(c.PerMillionRequests(share));
                lines.Add([row.Name, row.EvaluatedOn, "—", "—", "—", cost, cost]);
            }
            else
            {
                lines.Add([row.Name, row.EvaluatedOn, row.Apgr.AsNumber(), row.Cpt50.AsPercent(), row.Cpt80.AsPercent(), Dollars(c.PerMillionRequests(row.Cpt50.Mean)), Dollars(c.PerMillionRequests(row.Cpt80.Mean))]);
            }
        }

        int[] widths = Enumerable.Range(0, header.Length).Select(i => lines.Max(l => l[i].Length)).ToArray();
        foreach (string[] line in lines)
        {
            text.AppendLine(string.Join("  ", line.Select((cell, i) => i < 2 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]))).TrimEnd());
        }

        foreach (ReplayRow row in report.Rows.Where(r => r.Notes.Count > 0))
        {
            text.AppendLine();
            text.AppendLine(inv, $"{row.Name}:");
            foreach (var group in row.Notes.GroupBy(n => n).OrderByDescending(g => g.Count()))
            {
                text.AppendLine(inv, $"  {group.Count()}/{row.Notes.Count} seeds: {group.Key}");
            }
        }

        return text.ToString();
    }

    private static string Dollars(decimal value) => "$" + value.ToString("N0", CultureInfo.InvariantCulture);
}
