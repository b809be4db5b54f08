namespace ModelAlloy.Pipelines.Research;

/// <summary>One place to search (a local corpus, an Azure AI Search index, a web-search API), selected by <see cref="Name"/>.</summary>
public interface ISearchBackend
{
    /// <summary>Gets the name a research stage selects it by (<c>search.backend</c>).</summary>
    string Name { get; }

    /// <summary>Searches.</summary>
    /// <param name="query">The query text, as a person would type it.</param>
    /// <param name="top">The most results.</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    /// <returns>The results, best first.</returns>
    Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int top, CancellationToken cancellationToken);
}
