using System.Globalization;
using System.Text.Json;

namespace ModelAlloy.Pipelines.Research;

/// <summary>Searches a web-search HTTP API: GET the configured URL template, read the results array by the configured field names.</summary>
public sealed class WebSearchBackend : ISearchBackend
{
    private readonly WebSearchOptions _options;
    private readonly HttpClient _http;

    /// <summary>Initializes a new instance of the <see cref="WebSearchBackend"/> class.</summary>
    /// <param name="options">The URL template, key and field names.</param>
    /// <param name="http">The HTTP client (default: one of its own, with the configured timeout).</param>
    public WebSearchBackend(WebSearchOptions options, HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _http = http ?? new HttpClient { Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds) };
    }

    /// <inheritdoc />
    public string Name => SearchBackendNames.Web;

    /// <inheritdoc />
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int top, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (_options.UrlTemplate is not { Length: > 0 } template || !template.Contains("{query}", StringComparison.Ordinal))
        {
            throw new SearchConfigurationException($"the web backend needs {SearchOptions.SectionName}:Web:UrlTemplate, a URL with {{query}} (and optionally {{top}}), e.g. https://api.example.com/search?q={{query}}&count={{top}}");
        }

        string url = template.Replace("{query}", Uri.EscapeDataString(query), StringComparison.Ordinal)
            .Replace("{top}", top.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("application/json");
        if (_options.ApiKey is { Length: > 0 } key)
        {
            request.Headers.TryAddWithoutValidation(_options.ApiKeyHeader, key);
        }

        using HttpResponseMessage response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            // A transient failure (the activity retries it); the host is in the message, the key is not.
            throw new HttpRequestException($"web search at {new Uri(url).GetLeftPart(UriPartial.Path)} answered {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
        }

        using JsonDocument json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);
        JsonElement results = json.RootElement;
        foreach (string segment in _options.ResultsPath.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            if (results.ValueKind != JsonValueKind.Object || !results.TryGetProperty(segment, out results))
            {
                return [];
            }
        }

        if (results.ValueKind != JsonValueKind.Array)
        {
            throw new SearchConfigurationException($"web search: '{_options.ResultsPath}' in the answer is not an array; set {SearchOptions.SectionName}:Web:ResultsPath to the results array's dotted path");
        }

        var hits = new List<SearchHit>();
        foreach (JsonElement result in results.EnumerateArray().Take(top))
        {
            string? link = Text(result, _options.UrlField);
            string? id = Text(result, _options.IdField) ?? link;
            if (id is null)
            {
                continue;
            }

            hits.Add(new SearchHit { Id = id, Title = Text(result, _options.TitleField) ?? id, Url = link, Content = Text(result, _options.SnippetField) ?? string.Empty });
        }

        return hits;
    }

    private static string? Text(JsonElement result, string field) =>
        result.ValueKind == JsonValueKind.Object && result.TryGetProperty(field, out JsonElement value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;
}
