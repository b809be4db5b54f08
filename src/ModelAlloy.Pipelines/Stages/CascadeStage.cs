using ModelAlloy.Models;
using ModelAlloy.Pipelines.Definitions;
using ModelAlloy.Pipelines.Orchestration;

namespace ModelAlloy.Pipelines.Stages;

/// <summary>The cascade: each tier in turn until one's answer is accepted; records which tier answered and why the others did not.</summary>
internal static class CascadeStage
{
    public static async Task<StageOutcome> RunAsync(StageContext run, CascadeStageDefinition cascade, StageInput input)
    {
        var rejections = new List<string>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["input"] = input.Text, ["original"] = input.Original };
        for (int t = 0; t < cascade.Tiers.Count; t++)
        {
            CascadeTier tier = cascade.Tiers[t];
            ModelCallResult result;
            try
            {
                result = await run.CallAsync(tier.Step, "answer", "{{input}}", values).ConfigureAwait(true);
            }
            catch (ModelCallFailedException ex)
            {
                rejections.Add($"tier {t + 1}: no acceptable answer ({ex.ErrorCode})");
                continue;
            }

            string answer = result.Json ?? result.Text;
            JudgeVerdict? verdict = null;
            if (tier.Judge is { } judge)
            {
                verdict = await JudgeVerdict.AskAsync(run, judge, input, answer).ConfigureAwait(true);
                if (!verdict.Passes(judge))
                {
                    rejections.Add($"tier {t + 1}: {verdict.Describe(judge)}");
                    continue;
                }
            }

            string accepted = tier.Judge is { } j ? $"tier {t + 1} accepted: {verdict!.Describe(j)}" : $"tier {t + 1} accepted";
            return new StageOutcome(answer, new StageRecord
            {
                StageId = cascade.Id,
                Kind = cascade.Kind,
                AnsweredByTier = t + 1,
                Escalations = t,
                Score = verdict?.Score,
                Reason = string.Join("; ", rejections.Append(accepted)),
            });
        }

        throw run.Fail($"no tier produced an acceptable answer: {string.Join("; ", rejections)}");
    }
}
