using ModelAlloy.Models;
using ModelAlloy.Pipelines.Definitions;
using ModelAlloy.Pipelines.Orchestration;

namespace ModelAlloy.Pipelines.Stages;

/// <summary>Draft → polish: the draft ships when the judge scores it at the threshold; otherwise the polisher rewrites it given the issues.</summary>
internal static class DraftPolishStage
{
    private const string DefaultPolishPrompt =
        "Rewrite the draft so that it answers the request well and fixes every issue.\n\nRequest:\n{{input}}\n\nDraft:\n{{draft}}\n\nIssues:\n{{issues}}";

    public static async Task<StageOutcome> RunAsync(StageContext run, DraftPolishStageDefinition stage, StageInput input)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["input"] = input.Text, ["original"] = input.Original };
        ModelCallResult draft = await run.CallAsync(stage.Drafter, "draft", "{{input}}", values).ConfigureAwait(true);
        string draftText = draft.Json ?? draft.Text;
        JudgeVerdict verdict = await JudgeVerdict.AskAsync(run, stage.Judge, input, draftText).ConfigureAwait(true);
        var record = new StageRecord { StageId = stage.Id, Kind = stage.Kind, Score = verdict.Score, Reason = verdict.Describe(stage.Judge) };
        if (verdict.Passes(stage.Judge))
        {
            return new StageOutcome(draftText, record with { Shipped = "draft" });
        }

        values["draft"] = draftText;
        values["issues"] = verdict.Issues.Count == 0 ? "- (none listed)" : string.Join("\n", verdict.Issues.Select(i => "- " + i));
        ModelCallResult polished = await run.CallAsync(stage.Polisher, "polish", DefaultPolishPrompt, values).ConfigureAwait(true);
        return new StageOutcome(polished.Json ?? polished.Text, record with { Shipped = "polished", Reason = record.Reason + $"; polished ({verdict.Issues.Count} issues)" });
    }
}
