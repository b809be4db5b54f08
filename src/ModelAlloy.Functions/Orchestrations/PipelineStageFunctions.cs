using ModelAlloy.Pipelines.Caching;
using ModelAlloy.Pipelines.LearnedRouters;

namespace ModelAlloy.Functions.Orchestrations;

/// <summary>
/// The pipeline stages' own activities as Durable Functions (the stage cache, the learned router), each a one-line
/// wrapper over the body the self-hosted worker runs, under the same name.
/// </summary>
/// <param name="cache">The stage cache (registered by <c>AddModelAlloy</c>).</param>
/// <param name="learned">The learned-router scoring (registered by <c>AddModelAlloy</c>).</param>
public sealed class PipelineStageFunctions(StageCache cache, LearnedRouterScoring learned)
{
    /// <summary>Looks a stage's result up in the stage cache; a hit is written to the ledger.</summary>
    /// <param name="lookup">The stage, its input and the run's labels.</param>
    /// <param name="context">The invocation.</param>
    /// <returns>The key, and the entry on a hit.</returns>
    [Function(StageCacheActivities.Lookup)]
    public Task<StageCacheLookupResult> CacheLookupAsync([ActivityTrigger] StageCacheLookup lookup, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return cache.LookupAsync(lookup, context.CancellationToken);
    }

    /// <summary>Stores a stage's result in the stage cache.</summary>
    /// <param name="write">The key, the time to live and the entry.</param>
    /// <param name="context">The invocation.</param>
    /// <returns>True.</returns>
    [Function(StageCacheActivities.Store)]
    public async Task<bool> CacheStoreAsync([ActivityTrigger] StageCacheWrite write, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await cache.StoreAsync(write, context.CancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Scores a request with a learned router.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The decision.</returns>
    [Function(LearnedRouterScoring.ActivityName)]
    public LearnedRouteDecision ScoreLearnedRouter([ActivityTrigger] LearnedRouteRequest request) => learned.Score(request);
}
