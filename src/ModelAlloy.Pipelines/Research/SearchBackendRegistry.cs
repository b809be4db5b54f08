namespace ModelAlloy.Pipelines.Research;

/// <summary>The registered search backends by name (the last registration of a name wins, so a host can replace one).</summary>
public sealed class SearchBackendRegistry
{
    private readonly Dictionary<string, ISearchBackend> _backends = new(StringComparer.Ordinal);

    /// <summary>Initializes a new instance of the <see cref="SearchBackendRegistry"/> class.</summary>
    /// <param name="backends">The backends, in registration order.</param>
    public SearchBackendRegistry(IEnumerable<ISearchBackend> backends)
    {
        ArgumentNullException.ThrowIfNull(backends);
        foreach (ISearchBackend backend in backends)
        {
            _backends[backend.Name] = backend;
        }
    }

    /// <summary>Gets the registered names.</summary>
    public IEnumerable<string> Names => _backends.Keys;

    /// <summary>Runs one search call (the search activity's body), trimming each result's content.</summary>
    /// <param name="call">The backend, query and result count.</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    /// <returns>The results, best first.</returns>
    /// <exception cref="SearchConfigurationException">When no backend has the name.</exception>
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(SearchCall call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (!_backends.TryGetValue(call.Backend, out ISearchBackend? backend))
        {
            throw new SearchConfigurationException($"no search backend named '{call.Backend}'; use one of: {string.Join(", ", _backends.Keys.Order(StringComparer.Ordinal))}");
        }

        IReadOnlyList<SearchHit> hits = await backend.SearchAsync(call.Query, call.Top, cancellationToken).ConfigureAwait(false);
        return hits.Take(call.Top)
            .Select(h => h.Content.Length <= SearchCall.MaxContentChars ? h : h with { Content = h.Content[..SearchCall.MaxContentChars] })
            .ToList();
    }
}
