using System.Globalization;
using System.Text.Json;
using ModelAlloy.Pipelines.Definitions;
using ModelAlloy.Pipelines.Stages;

namespace ModelAlloy.Pipelines.Caching;

/// <summary>
/// The orchestrator's side of the stage cache: lookups and stores are activities (the orchestrator stays
/// deterministic); an unavailable cache is a miss, never a failed run.
/// </summary>
internal static class StageCacheCalls
{
    private static readonly TaskOptions Options = TaskOptions.FromRetryPolicy(new RetryPolicy(maxNumberOfAttempts: 2, firstRetryInterval: TimeSpan.FromSeconds(1)));

    public static async Task<StageCacheLookupResult?> LookupAsync(StageContext run, StageDefinition stage, StageInput input)
    {
        var lookup = new StageCacheLookup
        {
            RunId = run.Orchestration.InstanceId,
            Pipeline = run.Pipeline,
            StageId = stage.Id,
            TaskType = stage.TaskType ?? stage.Kind,
            StageJson = JsonSerializer.Serialize(stage, PipelineJson.Options),
            Input = input.Text,
            Original = input.Original,
            OccurredAtUtc = run.Orchestration.CurrentUtcDateTime,
        };
        try
        {
            return await run.Orchestration.CallActivityAsync<StageCacheLookupResult>(StageCacheActivities.Lookup, lookup, Options).ConfigureAwait(true);
        }
        catch (TaskFailedException)
        {
            return null;
        }
    }

    public static StageOutcome FromHit(StageContext run, StageCacheEntry hit)
    {
        run.AddCacheHit(hit.Simulated);
        string stored = hit.StoredAtUtc.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return new StageOutcome(hit.Output, hit.Record with { CacheHit = true, SavedCostUsd = hit.Record.CostUsd, Reason = hit.Record.Reason is { } reason ? $"cache hit (stored {stored}): {reason}" : $"cache hit (stored {stored})" }, hit.NextStage);
    }

    public static async Task StoreAsync(StageContext run, string key, StageCachePolicy cache, StageOutcome outcome)
    {
        var write = new StageCacheWrite
        {
            Key = key,
            TtlSeconds = cache.TtlSeconds,
            Entry = new StageCacheEntry { Output = outcome.Output, NextStage = outcome.NextStage, Record = run.Complete(outcome.Record), Simulated = run.StageSimulated },
        };
        try
        {
            await run.Orchestration.CallActivityAsync<bool>(StageCacheActivities.Store, write, Options).ConfigureAwait(true);
        }
        catch (TaskFailedException)
        {
            // Not stored: the next identical request runs the stage again.
        }
    }
}
