using System.Globalization;
using System.Text;

namespace ModelAlloy.Models;

/// <summary>
/// The cost report: totals, spend by day x pipeline and by ISO week x task type / model / provider, and the
/// expensive-model findings. Plain text, for terminals and closing notes.
/// </summary>
public static class CostReport
{
    /// <summary>Reads the ledger for the given days and writes the report.</summary>
    /// <param name="ledger">The ledger.</param>
    /// <param name="from">First UTC day.</param>
    /// <param name="to">Last UTC day.</param>
    /// <param name="options">Finding thresholds.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The report text.</returns>
    public static async Task<string> BuildAsync(
        ICostLedger ledger, DateOnly from, DateOnly to, ExpensiveModelDetectorOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var records = new List<CostRecord>();
        await foreach (CostRecord record in ledger.QueryAsync(from, to, cancellationToken).ConfigureAwait(false))
        {
            records.Add(record);
        }

        return Write(records, from, to, options);
    }

    /// <summary>Writes the report for records already read.</summary>
    /// <param name="records">The records.</param>
    /// <param name="from">First UTC day (for the title).</param>
    /// <param name="to">Last UTC day (for the title).</param>
    /// <param name="options">Finding thresholds.</param>
    /// <returns>The report text.</returns>
    public static string Write(IReadOnlyCollection<CostRecord> records, DateOnly from, DateOnly to, ExpensiveModelDetectorOptions? options = null)
    {
        var text = new StringBuilder();
        text.AppendLine(Inv($"Model cost report {from:yyyy-MM-dd} .. {to:yyyy-MM-dd} (UTC)"));
        int simulated = records.Count(r => r.Simulated);
        int estimated = records.Count(r => r.UsageEstimated);
        int skipped = records.Count(r => !r.ReachedProvider);
        List<CostRecord> cacheHits = records.Where(r => r.StageCacheHit).ToList();
        text.AppendLine(Inv($"calls {records.Count - skipped}, accepted {records.Count(r => r.Succeeded)}, cost {Usd(records.Sum(r => r.CostUsd))}")
            + (skipped > 0 ? Inv($"  [{skipped} attempts skipped without a call]") : string.Empty)
            + (cacheHits.Count > 0 ? Inv($"  [{cacheHits.Count} stage cache hits saved {Usd(cacheHits.Sum(r => r.SavedCostUsd))}]") : string.Empty)
            + (simulated > 0 ? Inv($"  [{simulated} SIMULATED]") : string.Empty)
            + (estimated > 0 ? Inv($"  [{estimated} with estimated usage]") : string.Empty));
        Section(text, "By day x pipeline", CostAggregator.Aggregate(records, CostPeriod.Day, CostDimension.Pipeline));
        Section(text, "By ISO week x task type", CostAggregator.Aggregate(records, CostPeriod.IsoWeek, CostDimension.TaskType));
        Section(text, "By ISO week x model", CostAggregator.Aggregate(records, CostPeriod.IsoWeek, CostDimension.Model));
        Section(text, "By ISO week x provider", CostAggregator.Aggregate(records, CostPeriod.IsoWeek, CostDimension.Provider));
        Findings(text, ExpensiveModelDetector.Detect(records, options));
        return text.ToString();
    }

    private static void Section(StringBuilder text, string title, IReadOnlyList<CostAggregate> rows)
    {
        text.AppendLine().AppendLine(title);
        text.AppendLine(Inv($"  {"period",-10} {"key",-24} {"calls",8} {"skipped",8} {"accepted",8} {"in tok",10} {"out tok",10} {"cost USD",12} {"avg ms",7}"));
        foreach (CostAggregate row in rows)
        {
            text.AppendLine(Inv($"  {row.Period,-10} {Cut(row.Key, 24),-24} {row.Calls,8} {row.Skipped,8} {row.Succeeded,8} {row.InputTokens,10} {row.OutputTokens,10} {Usd(row.CostUsd),12} {row.AverageLatencyMs,7}"));
        }
    }

    private static void Findings(StringBuilder text, IReadOnlyList<ExpensiveModelFinding> findings)
    {
        text.AppendLine().AppendLine("Expensive models doing work a cheap model does as well");
        if (findings.Count == 0)
        {
            text.AppendLine("  none found");
            return;
        }

        foreach (ExpensiveModelFinding f in findings)
        {
            text.AppendLine(Inv($"  FLAG task '{f.TaskType}': '{f.ExpensiveModel}' costs {Usd(f.ExpensiveCostPerAnswer)}/answer ({Percent(f.ExpensiveSuccessRate)} accepted)"));
            text.AppendLine(Inv($"       '{f.CheapModel}' does it for {Usd(f.CheapCostPerAnswer)}/answer ({Percent(f.CheapSuccessRate)} accepted): {f.CostRatio:0}x cheaper;"));
            text.AppendLine(Inv($"       routing its {f.ExpensiveAnswers} answers to '{f.CheapModel}' would have saved {Usd(f.PotentialSavingUsd)}"));
        }
    }

    private static string Usd(decimal value) => "$" + value.ToString("0.000000", CultureInfo.InvariantCulture);

    private static string Percent(double rate) => (rate * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    private static string Cut(string value, int width) => value.Length <= width ? value : value[..(width - 1)] + "~";

    private static string Inv(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
