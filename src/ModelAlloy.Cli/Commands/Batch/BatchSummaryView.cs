using System.Globalization;
using ModelAlloy.Batches.Results;
using Spectre.Console;

namespace ModelAlloy.Cli.Commands.Batch;

/// <summary>The summary table at the end of <c>alloy batch</c>: counts, cost, latency percentiles, throughput, failures.</summary>
internal static class BatchSummaryView
{
    private const int FailuresShown = 10;

    public static void Write(IAnsiConsole console, BatchSummary summary, string resultsFile)
    {
        var table = new Table().Title($"batch {Markup.Escape(summary.BatchId)} · {Markup.Escape(summary.Pipeline)}").HideHeaders().AddColumn("").AddColumn(new TableColumn("").RightAligned());
        table.AddRow("items", summary.Total.ToString(CultureInfo.InvariantCulture));
        table.AddRow("done", Color(summary.Done.ToString(CultureInfo.InvariantCulture), "green"));
        table.AddRow("failed", Color(summary.Failed.ToString(CultureInfo.InvariantCulture), summary.Failed > 0 ? "red" : "green"));
        table.AddRow("skipped (finished before)", summary.Skipped.ToString(CultureInfo.InvariantCulture));
        table.AddRow("unfinished", Color(summary.Unfinished.ToString(CultureInfo.InvariantCulture), summary.Unfinished > 0 ? "yellow" : "green"));
        table.AddRow("cost" + (summary.Simulated ? " (SIMULATED)" : ""), string.Create(CultureInfo.InvariantCulture, $"${summary.CostUsd:0.000000}"));
        table.AddRow("latency p50 / p95 / p99", string.Create(CultureInfo.InvariantCulture, $"{summary.LatencyMs.P50:0} / {summary.LatencyMs.P95:0} / {summary.LatencyMs.P99:0} ms"));
        table.AddRow("this pass", string.Create(CultureInfo.InvariantCulture, $"{summary.ElapsedSeconds:0.0} s, {summary.ItemsPerSecond:0.0} items/s"));
        console.Write(table);
        foreach (BatchFailure failure in summary.Failures.Take(FailuresShown))
        {
            console.MarkupLine($"[red]failed[/] {Markup.Escape(failure.Id)} ({Markup.Escape(failure.Instance)}): {Markup.Escape(failure.Reason)}");
        }

        if (summary.Failures.Count > FailuresShown)
        {
            console.WriteLine($"... and {summary.Failures.Count - FailuresShown} more failures in {resultsFile}");
        }

        if (summary.Simulated)
        {
            console.WriteLine("SIMULATED: answers came from simulated models (no model was called).");
        }

        console.WriteLine($"results: {resultsFile}");
    }

    private static string Color(string text, string color) => $"[{color}]{text}[/]";
}
