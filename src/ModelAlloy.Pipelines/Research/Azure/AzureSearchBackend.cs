using Azure;
using Azure.Core;
using Azure.Identity;
using Azure.Search.Documents;
using Azure.Search.Documents.Models;

namespace ModelAlloy.Pipelines.Research;

/// <summary>Searches an Azure AI Search index with <see cref="SearchClient"/> (full-text; a key or <c>DefaultAzureCredential</c>).</summary>
public sealed class AzureSearchBackend : ISearchBackend
{
    private readonly AzureSearchOptions _options;
    private readonly Lazy<SearchClient> _client;

    /// <summary>Initializes a new instance of the <see cref="AzureSearchBackend"/> class.</summary>
    /// <param name="options">The endpoint, index, credential and field names.</param>
    /// <param name="clientOptions">The client's options (transport, retries); default: the SDK's.</param>
    public AzureSearchBackend(AzureSearchOptions options, SearchClientOptions? clientOptions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _client = new Lazy<SearchClient>(() => Create(options, clientOptions ?? new SearchClientOptions()), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <inheritdoc />
    public string Name => SearchBackendNames.AzureSearch;

    /// <inheritdoc />
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int top, CancellationToken cancellationToken)
    {
        var search = new Azure.Search.Documents.SearchOptions { Size = top, QueryType = SearchQueryType.Simple, SearchMode = SearchMode.Any };
        Response<SearchResults<SearchDocument>> response = await _client.Value.SearchAsync<SearchDocument>(query, search, cancellationToken).ConfigureAwait(false);
        var hits = new List<SearchHit>(top);
        await foreach (SearchResult<SearchDocument> result in response.Value.GetResultsAsync().ConfigureAwait(false))
        {
            SearchDocument document = result.Document;
            string id = Field(document, _options.IdField) ?? throw new SearchConfigurationException($"Azure AI Search index '{_options.Index}' returned a document without '{_options.IdField}'; set {SearchOptions.SectionName}:AzureSearch:IdField to its key field");
            hits.Add(new SearchHit
            {
                Id = id,
                Title = Field(document, _options.TitleField) ?? id,
                Url = Field(document, _options.UrlField),
                Content = Field(document, _options.ContentField) ?? string.Empty,
                Score = result.Score ?? 0,
            });
            if (hits.Count >= top)
            {
                break;
            }
        }

        return hits;
    }

    private static string? Field(SearchDocument document, string name) =>
        document.TryGetValue(name, out object? value) && value is not null ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) : null;

    private static SearchClient Create(AzureSearchOptions options, SearchClientOptions clientOptions)
    {
        const string Section = SearchOptions.SectionName + ":AzureSearch";
        if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out Uri? endpoint))
        {
            throw new SearchConfigurationException($"the azure-search backend needs {Section}:Endpoint (e.g. https://contoso.search.windows.net); it is '{options.Endpoint}'");
        }

        if (string.IsNullOrWhiteSpace(options.Index))
        {
            throw new SearchConfigurationException($"the azure-search backend needs {Section}:Index, the index to search");
        }

        return options.ApiKey is { Length: > 0 } key
            ? new SearchClient(endpoint, options.Index, new AzureKeyCredential(key), clientOptions)
            : new SearchClient(endpoint, options.Index, (TokenCredential)new DefaultAzureCredential(), clientOptions);
    }
}
