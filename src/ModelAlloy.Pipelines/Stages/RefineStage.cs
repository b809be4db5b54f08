using System.Globalization;
using ModelAlloy.Pipelines.Definitions;
using ModelAlloy.Pipelines.Orchestration;

namespace ModelAlloy.Pipelines.Stages;

/// <summary>The refine loop: critique, revise, critique again, at most MaxRounds revisions; the last revision ships.</summary>
internal static class RefineStage
{
    private const string CriticPrompt = "Does this text fully satisfy the request? If not, say what to fix.\n\nRequest:\n{{original}}\n\nText:\n{{draft}}";

    public static async Task<StageOutcome> RunAsync(StageContext run, RefineStageDefinition stage, StageInput input)
    {
        string draft = input.Text;
        CheckVerdict verdict = await CheckVerdict.AskAsync(run, stage.Critic, "critique", CriticPrompt, draft, input.Original).ConfigureAwait(true);
        int rounds = 0;
        while (!verdict.Pass && rounds < stage.MaxRounds)
        {
            draft = await CheckVerdict.ReviseAsync(run, stage.Reviser, draft, verdict.Reason, input.Original).ConfigureAwait(true);
            rounds++;
            verdict = await CheckVerdict.AskAsync(run, stage.Critic, "critique", CriticPrompt, draft, input.Original).ConfigureAwait(true);
        }

        string reason = verdict.Pass
            ? string.Create(CultureInfo.InvariantCulture, $"passed after {rounds} revision(s): {verdict.Reason}")
            : string.Create(CultureInfo.InvariantCulture, $"still failing after {rounds} revision(s), last revision shipped: {verdict.Reason}");
        return new StageOutcome(draft, new StageRecord { StageId = stage.Id, Kind = stage.Kind, Rounds = rounds, Passed = verdict.Pass, Reason = reason });
    }
}
