using System.Globalization;
using ModelAlloy.Models;
using ModelAlloy.Pipelines.Definitions;
using ModelAlloy.Pipelines.Orchestration;

namespace ModelAlloy.Pipelines.Stages;

/// <summary>Validation: the validator checks the answer; on failure the policy fails, falls back (checked once more) or refines.</summary>
internal static class ValidationStage
{
    private const string ValidatorPrompt = "Verify the answer to the request: is it correct and complete?\n\nRequest:\n{{original}}\n\nAnswer:\n{{input}}";

    private const string FallbackPrompt = "{{original}}";

    public static async Task<StageOutcome> RunAsync(StageContext run, ValidationStageDefinition stage, StageInput input)
    {
        CheckVerdict verdict = await CheckVerdict.AskAsync(run, stage.Validator, "validate", ValidatorPrompt, input.Text, input.Original).ConfigureAwait(true);
        var record = new StageRecord { StageId = stage.Id, Kind = stage.Kind };
        if (verdict.Pass)
        {
            return new StageOutcome(input.Text, record with { Passed = true, Reason = "valid: " + verdict.Reason });
        }

        string failed = "invalid: " + verdict.Reason;
        switch (stage.OnFailure)
        {
            case ValidationFailurePolicy.Fallback:
                var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["original"] = input.Original, ["input"] = input.Original, ["reason"] = verdict.Reason };
                ModelCallResult fallback = await run.CallAsync(stage.Fallback!, "fallback", FallbackPrompt, values).ConfigureAwait(true);
                string answer = fallback.Json ?? fallback.Text;
                CheckVerdict second = await CheckVerdict.AskAsync(run, stage.Validator, "validate", ValidatorPrompt, answer, input.Original).ConfigureAwait(true);
                if (!second.Pass)
                {
                    throw run.Fail($"the answer is {failed}; the fallback's answer is invalid too: {second.Reason}");
                }

                return new StageOutcome(answer, record with { Passed = true, Escalations = 1, Reason = $"{failed}; fallback answer valid: {second.Reason}" });
            case ValidationFailurePolicy.Refine:
                string draft = input.Text;
                for (int round = 1; round <= stage.MaxRounds; round++)
                {
                    draft = await CheckVerdict.ReviseAsync(run, stage.Reviser!, draft, verdict.Reason, input.Original).ConfigureAwait(true);
                    verdict = await CheckVerdict.AskAsync(run, stage.Validator, "validate", ValidatorPrompt, draft, input.Original).ConfigureAwait(true);
                    if (verdict.Pass)
                    {
                        return new StageOutcome(draft, record with { Passed = true, Rounds = round, Reason = string.Create(CultureInfo.InvariantCulture, $"{failed}; valid after {round} revision(s)") });
                    }
                }

                throw run.Fail(string.Create(CultureInfo.InvariantCulture, $"the answer is still invalid after {stage.MaxRounds} revision(s): {verdict.Reason}"));
            default:
                throw run.Fail($"the answer is {failed}; set onFailure to 'fallback' or 'refine' to recover");
        }
    }
}
