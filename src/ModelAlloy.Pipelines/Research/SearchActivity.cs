namespace ModelAlloy.Pipelines.Research;

/// <summary>One search call of a research stage, as an activity (its result is recorded, so a replay never searches again).</summary>
internal sealed class SearchActivity(SearchBackendRegistry backends) : TaskActivity<SearchCall, IReadOnlyList<SearchHit>>
{
    public override Task<IReadOnlyList<SearchHit>> RunAsync(TaskActivityContext context, SearchCall input) => backends.SearchAsync(input);
}
