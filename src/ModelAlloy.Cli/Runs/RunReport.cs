using System.Globalization;
using Microsoft.DurableTask.Client;
using ModelAlloy.Models;
using ModelAlloy.Pipelines.Orchestration;
using Spectre.Console;
using Spectre.Console.Rendering;
using ModelAlloy.Cli.Terminal;

namespace ModelAlloy.Cli.Runs;

/// <summary>
/// Writes a finished pipeline run for people: the answer, the path it took (stage, decision, why, models and their
/// tiers, cost and single-model cost, latency) and the saving against the single-capable-model baseline; SIMULATED
/// when simulated models answered. Also a pending review and a failed or terminated run.
/// </summary>
internal static class RunReport
{
    /// <summary>Writes a completed run.</summary>
    public static void WriteCompleted(IAnsiConsole console, OrchestrationMetadata state, PipelineRunResult result, RunCosting costing)
    {
        long totalMs = (long)(state.LastUpdatedAt - state.CreatedAt).TotalMilliseconds;
        console.MarkupLine(Inv($"[green]Completed[/] [bold]{Markup.Escape(result.Pipeline)}[/] ({Markup.Escape(ShortHash(result.ContentHash))}) as [bold]{Markup.Escape(state.InstanceId)}[/] in {totalMs} ms")
            + (result.Simulated ? "  [yellow]SIMULATED[/]" : string.Empty));
        console.WriteLine();
        console.MarkupLine("[bold]Answer[/]");
        console.Write(new Padder(new Text(result.Output), new Padding(2, 0, 0, 0)));
        console.WriteLine();
        console.MarkupLine("[bold]Path[/]");
        console.Write(PathTable(console, state.InstanceId, result, costing));
        WriteSaving(console, costing.ForRun(state.InstanceId), result.Simulated);
    }

    /// <summary>Writes the saving line: the alloy against the single model.</summary>
    public static void WriteSaving(IAnsiConsole console, BaselineComparison baseline, bool simulated)
    {
        string colour = baseline.SavingUsd >= 0 ? "green" : "red";
        console.MarkupLine(Inv(
            $"Cost {Usd(baseline.ActualCostUsd)} against {Usd(baseline.BaselineCostUsd)} on [bold]{Markup.Escape(baseline.BaselineModel)}[/] alone (same tokens, {baseline.Answers} answer(s)): ")
            + Inv($"[{colour}]{(baseline.SavingUsd >= 0 ? "saved" : "cost")} {Usd(Math.Abs(baseline.SavingUsd))} ({Percent(Math.Abs(baseline.SavingRate))}{(baseline.SavingUsd >= 0 ? " less" : " more")})[/]"));
        if (simulated)
        {
            console.MarkupLine("[yellow]SIMULATED[/]: simulated models answered; costs are their token counts at the catalog's prices.");
        }
    }

    /// <summary>Writes a run that did not complete: failed, terminated, or still going.</summary>
    public static void WriteUnfinished(IAnsiConsole console, OrchestrationMetadata state, PipelineProgress? progress)
    {
        switch (state.RuntimeStatus)
        {
            case OrchestrationRuntimeStatus.Failed:
                console.MarkupLine(Inv($"[red]Failed[/] [bold]{Markup.Escape(state.InstanceId)}[/]: ") + Markup.Escape(FirstLine(state.FailureDetails?.ErrorMessage ?? "no reason recorded")));
                break;
            case OrchestrationRuntimeStatus.Terminated:
                console.MarkupLine(Inv($"[red]Terminated[/] [bold]{Markup.Escape(state.InstanceId)}[/]") + (state.SerializedOutput is { Length: > 0 } reason ? ": " + Markup.Escape(reason.Trim('"')) : string.Empty));
                break;
            default:
                console.MarkupLine(Inv($"[blue]{state.RuntimeStatus}[/] [bold]{Markup.Escape(state.InstanceId)}[/]") + (progress is null ? string.Empty : ": " + Markup.Escape(Describe(progress))));
                break;
        }
    }

    /// <summary>One line of progress: pipeline, stage, stages done and the cost so far.</summary>
    public static string Describe(PipelineProgress progress) =>
        Inv($"{progress.Pipeline}: ") + (progress.Stage is { } stage ? Inv($"stage '{stage}', ") : "finishing, ")
        + Inv($"{progress.StagesCompleted} stage(s) done, {Usd(progress.CostUsd)} so far")
        + (progress.Review is null ? string.Empty : ", waiting for a review");

    /// <summary>Writes the review a run waits for and how to answer it.</summary>
    public static void WriteReview(IAnsiConsole console, string instanceId, PipelineProgress progress, string storageHint)
    {
        PipelineReviewRequest review = progress.Review!;
        console.MarkupLine(Inv($"[yellow]Waiting for a review[/] at stage '{Markup.Escape(progress.Stage ?? "?")}': agreement {review.Agreement:0.00}, until {review.DeadlineUtc:yyyy-MM-dd HH:mm:ss}Z; candidates:"));
        for (int i = 0; i < review.Candidates.Count; i++)
        {
            console.WriteLine(Inv($"  {i + 1}) {FirstLine(review.Candidates[i])}"));
        }

        console.WriteLine(Inv($"Answer with: alloy review {instanceId} --choice N (or --text \"...\") {storageHint}").TrimEnd());
    }

    private static Table PathTable(IAnsiConsole console, string runId, PipelineRunResult result, RunCosting costing)
    {
        var table = new Table { Border = AlloyConsole.Border(console) };
        foreach (string column in (string[])["Stage", "Kind", "Decision", "Why", "Models (tier)", "Cost", "Single model", "ms"])
        {
            table.AddColumn(new TableColumn(column) { Alignment = column is "Cost" or "Single model" or "ms" ? Justify.Right : Justify.Left });
        }

        foreach (StageRecord stage in result.Stages)
        {
            BaselineComparison baseline = costing.ForStage(runId, stage.StageId);
            table.AddRow(Cells(
                stage.StageId,
                stage.Kind,
                Decision(stage),
                stage.Reason ?? string.Empty,
                Models(stage, costing),
                Usd(stage.CostUsd),
                Usd(baseline.BaselineCostUsd),
                stage.LatencyMs.ToString(CultureInfo.InvariantCulture)));
        }

        return table;
    }

    /// <summary>What a stage decided, in a few words: the route, the tier, what shipped, who decided, the score.</summary>
    public static string Decision(StageRecord stage)
    {
        var parts = new List<string>();
        if (stage.Route is { } route)
        {
            parts.Add("route " + route);
        }

        if (stage.Complexity is { } complexity)
        {
            parts.Add(Inv($"complexity {complexity}"));
        }

        if (stage.AnsweredByTier is { } tier)
        {
            parts.Add(Inv($"tier {tier}"));
        }

        if (stage.Escalations is > 0 and { } escalations)
        {
            parts.Add(Inv($"{escalations} escalation(s)"));
        }

        if (stage.Shipped is { } shipped)
        {
            parts.Add("shipped " + shipped);
        }

        if (stage.DecidedBy is { } decidedBy)
        {
            parts.Add("decided by " + decidedBy);
        }

        if (stage.Agreement is { } agreement)
        {
            parts.Add(Inv($"agreement {agreement:0.00}"));
        }

        if (stage.Score is { } score)
        {
            parts.Add(Inv($"score {score:0.00}"));
        }

        if (stage.Rounds is { } rounds)
        {
            parts.Add(Inv($"{rounds} round(s)"));
        }

        if (stage.Passed is { } passed)
        {
            parts.Add(passed ? "passed" : "not passed");
        }

        return string.Join(", ", parts);
    }

    /// <summary>The stage's models with their tiers, each once.</summary>
    public static string Models(StageRecord stage, RunCosting costing) =>
        stage.Models.Count == 0
            ? "-"
            : string.Join(", ", stage.Models.Distinct(StringComparer.OrdinalIgnoreCase)
                .Select(m => costing.TierOf(m) is { } tier ? Inv($"{m} ({tier})") : m));

    /// <summary>A content hash cut to 12 hex digits, as people quote it.</summary>
    public static string ShortHash(string hash) => hash.Length > 19 && hash.StartsWith("sha256:", StringComparison.Ordinal) ? hash[..19] : hash;

    /// <summary>A cost in dollars.</summary>
    public static string Usd(decimal value) => "$" + value.ToString("0.000000", CultureInfo.InvariantCulture);

    /// <summary>A rate as a percentage.</summary>
    public static string Percent(double rate) => (rate * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    /// <summary>Text cells (never parsed as markup).</summary>
    public static IRenderable[] Cells(params string[] values) => values.Select(v => (IRenderable)new Text(v)).ToArray();

    /// <summary>The first line of a message.</summary>
    public static string FirstLine(string text) => text.Split('\n', 2)[0].TrimEnd('\r');

    private static string Inv(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
