namespace ModelAlloy.Pipelines.Caching;

/// <summary>The stage-cache activities' names (the self-hosted worker registers them, the Functions app wraps them).</summary>
public static class StageCacheActivities
{
    /// <summary>Looks a stage's result up (<see cref="StageCache.LookupAsync"/>).</summary>
    public const string Lookup = "ModelAlloy_Pipeline_CacheLookup";

    /// <summary>Stores a stage's result (<see cref="StageCache.StoreAsync"/>).</summary>
    public const string Store = "ModelAlloy_Pipeline_CacheStore";

    internal static void Register(DurableTaskRegistry registry) => registry
        .AddActivity<StageCacheLookupActivity>(Lookup)
        .AddActivity<StageCacheStoreActivity>(Store);
}

/// <summary>The self-hosted worker's cache lookup.</summary>
internal sealed class StageCacheLookupActivity(StageCache cache) : TaskActivity<StageCacheLookup, StageCacheLookupResult>
{
    public override Task<StageCacheLookupResult> RunAsync(TaskActivityContext context, StageCacheLookup input) => cache.LookupAsync(input);
}

/// <summary>The self-hosted worker's cache store.</summary>
internal sealed class StageCacheStoreActivity(StageCache cache) : TaskActivity<StageCacheWrite, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, StageCacheWrite input)
    {
        await cache.StoreAsync(input).ConfigureAwait(false);
        return true;
    }
}
