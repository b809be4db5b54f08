using ModelAlloy.Models;
using ModelAlloy.Pipelines.Definitions;
using ModelAlloy.Pipelines.Orchestration;

namespace ModelAlloy.Pipelines.Stages;

/// <summary>The chain: each step answers the previous step's output.</summary>
internal static class ChainStage
{
    public static async Task<StageOutcome> RunAsync(StageContext run, ChainStageDefinition chain, StageInput input)
    {
        string current = input.Text;
        foreach (ModelStep step in chain.Steps)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["input"] = current, ["original"] = input.Original };
            ModelCallResult result = await run.CallAsync(step, "chain", "{{input}}", values).ConfigureAwait(true);
            current = result.Json ?? result.Text;
        }

        return new StageOutcome(current, new StageRecord { StageId = chain.Id, Kind = chain.Kind, Reason = $"{chain.Steps.Count} steps" });
    }
}
