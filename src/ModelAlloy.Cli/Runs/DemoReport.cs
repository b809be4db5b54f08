using System.Globalization;
using Microsoft.DurableTask.Client;
using ModelAlloy.Cli.Terminal;
using ModelAlloy.Evaluation.Datasets;
using ModelAlloy.Models;
using ModelAlloy.Pipelines.Orchestration;
using Spectre.Console;

namespace ModelAlloy.Cli.Runs;

/// <summary>
/// The demo's output: one row per item (its label, the route and why, the stages it took, the models and their tiers,
/// cost, single-model cost, latency), then the cost by route against the single capable model, the share routed as
/// labelled and the saving; SIMULATED when simulated models answered.
/// </summary>
internal sealed class DemoReport(IAnsiConsole console, RunCosting costing)
{
    private readonly List<Row> _rows = [];

    /// <summary>Adds an item's run.</summary>
    public void Add(EvalItem item, OrchestrationMetadata state)
    {
        PipelineRunResult? result = state.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? state.ReadOutputAs<PipelineRunResult>() : null;
        StageRecord? router = result?.Stages.FirstOrDefault(s => s.Route is not null);
        _rows.Add(new Row(
            item.Id,
            item.ReferenceText ?? item.Labels.FirstOrDefault(),
            router?.Route ?? (result is null ? "FAILED" : "-"),
            result is null ? RunReport.FirstLine(state.FailureDetails?.ErrorMessage ?? state.RuntimeStatus.ToString()) : router?.Reason ?? string.Empty,
            result is null ? string.Empty : string.Join(" → ", result.Stages.Select(s => s.StageId)),
            result is null ? string.Empty : string.Join(", ", result.Stages.Select(s => RunReport.Models(s, costing)).Where(m => m != "-").Distinct()),
            costing.ForRun(state.InstanceId),
            (long)(state.LastUpdatedAt - state.CreatedAt).TotalMilliseconds,
            result?.Simulated ?? false));
    }

    /// <summary>Writes the tables and the saving.</summary>
    public void Write()
    {
        var items = new Table { Border = AlloyConsole.Border(console) };
        foreach (string column in (string[])["Item", "Label", "Route", "Why", "Path", "Models (tier)", "Cost", "Single model", "ms"])
        {
            items.AddColumn(new TableColumn(column) { Alignment = column is "Cost" or "Single model" or "ms" ? Justify.Right : Justify.Left });
        }

        foreach (Row row in _rows)
        {
            items.AddRow(RunReport.Cells(
                row.Id, row.Label ?? "-", row.Route, row.Why, row.Path, row.Models,
                RunReport.Usd(row.Cost.ActualCostUsd), RunReport.Usd(row.Cost.BaselineCostUsd), row.LatencyMs.ToString(CultureInfo.InvariantCulture)));
        }

        console.Write(items);
        console.WriteLine();
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[bold]Cost by route[/] against every item sent to [bold]{Markup.Escape(costing.BaselineModel)}[/] alone (same tokens)"));
        var costs = new Table { Border = AlloyConsole.Border(console), ShowFooters = true };
        decimal alloy = _rows.Sum(r => r.Cost.ActualCostUsd), single = _rows.Sum(r => r.Cost.BaselineCostUsd);
        costs.AddColumn(new TableColumn("Route") { Footer = new Text("total") });
        costs.AddColumn(new TableColumn("Items") { Alignment = Justify.Right, Footer = new Text(Num(_rows.Count)) });
        costs.AddColumn(new TableColumn("Alloy cost") { Alignment = Justify.Right, Footer = new Text(RunReport.Usd(alloy)) });
        costs.AddColumn(new TableColumn("Single model") { Alignment = Justify.Right, Footer = new Text(RunReport.Usd(single)) });
        costs.AddColumn(new TableColumn("Saving") { Alignment = Justify.Right, Footer = new Text(Saving(alloy, single)) });
        foreach (IGrouping<string, Row> route in _rows.GroupBy(r => r.Route).OrderByDescending(g => g.Sum(r => r.Cost.BaselineCostUsd)))
        {
            decimal a = route.Sum(r => r.Cost.ActualCostUsd), s = route.Sum(r => r.Cost.BaselineCostUsd);
            costs.AddRow(RunReport.Cells(route.Key, Num(route.Count()), RunReport.Usd(a), RunReport.Usd(s), Saving(a, s)));
        }

        console.Write(costs);
        List<Row> labelled = _rows.Where(r => r.Label is not null).ToList();
        if (labelled.Count > 0)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Routed as labelled: {labelled.Count(r => string.Equals(r.Label, r.Route, StringComparison.OrdinalIgnoreCase))} of {labelled.Count}"));
        }

        RunReport.WriteSaving(console, costing.Total, _rows.Any(r => r.Simulated));
    }

    private static string Saving(decimal alloy, decimal single) =>
        single == 0 ? "-" : RunReport.Usd(single - alloy) + " (" + RunReport.Percent((double)((single - alloy) / single)) + ")";

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record Row(string Id, string? Label, string Route, string Why, string Path, string Models, BaselineComparison Cost, long LatencyMs, bool Simulated);
}
