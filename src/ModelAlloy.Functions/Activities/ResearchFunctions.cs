using ModelAlloy.Pipelines.Research;

namespace ModelAlloy.Functions.Activities;

/// <summary>
/// The research stage's search activity as a Durable Function, under <see cref="ResearchActivities.Search"/>; the body is
/// <see cref="SearchBackendRegistry.SearchAsync"/>, shared with the self-hosted worker.
/// </summary>
/// <param name="backends">The search backends (registered by <c>AddModelAlloy</c>).</param>
public sealed class ResearchFunctions(SearchBackendRegistry backends)
{
    /// <summary>Runs one search call of a research stage.</summary>
    /// <param name="call">The backend, query and result count.</param>
    /// <param name="context">The invocation (its token is signalled when the host shuts down).</param>
    /// <returns>The results, best first.</returns>
    [Function(ResearchActivities.Search)]
    public Task<IReadOnlyList<SearchHit>> SearchAsync([ActivityTrigger] SearchCall call, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return backends.SearchAsync(call, context.CancellationToken);
    }
}
