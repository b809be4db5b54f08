using ModelAlloy.Pipelines.Budgets;
using ModelAlloy.Pipelines.Caching;
using ModelAlloy.Pipelines.Definitions;
using ModelAlloy.Pipelines.Orchestration;

namespace ModelAlloy.Pipelines.Stages;

/// <summary>
/// Runs one stage under its cross-cutting policies: the stage cache first (a hit answers without a model call), then
/// the stage raced against its latency budget and the pipeline's (<see cref="LatencyRace"/>); a result the stage
/// produced itself within its budget is stored for the next identical request.
/// </summary>
internal static class StageRunner
{
    /// <summary>Runs <paramref name="stage"/> (already begun); on a fallback, <see cref="StageContext.Stage"/> is the stage that answered.</summary>
    public static async Task<StageOutcome> RunAsync(StageContext run, StageDefinition stage, StageInput input, List<StageRecord> records)
    {
        if (stage.Cache is not { } cache)
        {
            return await LatencyRace.RunAsync(run, stage, input, records).ConfigureAwait(true);
        }

        StageCacheLookupResult? lookup = await StageCacheCalls.LookupAsync(run, stage, input).ConfigureAwait(true);
        if (lookup?.Entry is { } hit)
        {
            return StageCacheCalls.FromHit(run, hit);
        }

        StageOutcome outcome = await LatencyRace.RunAsync(run, stage, input, records).ConfigureAwait(true);
        if (lookup is not null && ReferenceEquals(run.Stage, stage))
        {
            await StageCacheCalls.StoreAsync(run, lookup.Key, cache, outcome).ConfigureAwait(true);
        }

        return outcome;
    }
}
