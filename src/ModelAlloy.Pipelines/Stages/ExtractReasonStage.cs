using ModelAlloy.Models;
using ModelAlloy.Pipelines.Definitions;
using ModelAlloy.Pipelines.Orchestration;

namespace ModelAlloy.Pipelines.Stages;

/// <summary>
/// Extract → reason: the extractor answers under the handoff schema (checked by the gateway, which also walks the
/// role's chain); a violation goes to the fallback extractor or fails with its JSON path. The reasoner is given only
/// the validated JSON.
/// </summary>
internal static class ExtractReasonStage
{
    private const string DefaultExtractPrompt = "Extract the data from the text as JSON.\n\nText:\n{{input}}";

    public static async Task<StageOutcome> RunAsync(StageContext run, ExtractReasonStageDefinition stage, StageInput input)
    {
        string schema = stage.Extractor.JsonSchema!.Value.GetRawText();
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["input"] = input.Text };
        string? data = null;
        int escalations = 0;
        string? violation;
        try
        {
            data = (await run.CallAsync(stage.Extractor, "extract", DefaultExtractPrompt, values, schema).ConfigureAwait(true)).Json;
            violation = null;
        }
        catch (ModelCallFailedException ex) when (HandoffViolation.Describe(ex) is { } where)
        {
            violation = where;
        }

        string? firstViolation = violation;
        if (violation is not null && stage.OnViolation == HandoffViolationPolicy.Fallback)
        {
            escalations = 1;
            ModelStep fallback = stage.Fallback!;
            try
            {
                data = (await run.CallAsync(fallback, "extract", DefaultExtractPrompt, values, fallback.JsonSchema?.GetRawText() ?? schema).ConfigureAwait(true)).Json;
                violation = null;
            }
            catch (ModelCallFailedException ex) when (HandoffViolation.Describe(ex) is { } where)
            {
                violation = $"{violation}; the fallback too at {where}";
            }
        }

        if (violation is not null)
        {
            throw run.Fail($"the extractor's answer violates the handoff schema at {violation}; fix the extractor's prompt or schema, or set onViolation 'fallback'");
        }

        var reasonValues = new Dictionary<string, string>(StringComparer.Ordinal) { ["data"] = data! };
        ModelCallResult answer = await run.CallAsync(stage.Reasoner, "reason", "{{data}}", reasonValues).ConfigureAwait(true);
        return new StageOutcome(answer.Json ?? answer.Text, new StageRecord
        {
            StageId = stage.Id,
            Kind = stage.Kind,
            Escalations = escalations,
            Reason = firstViolation is null ? "handoff valid" : $"extractor violated the handoff schema at {firstViolation}; the fallback's handoff is valid",
        });
    }
}
