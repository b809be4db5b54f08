namespace ModelAlloy.Pipelines.Research;

/// <summary>
/// A web-search HTTP API: a GET URL template and where the results and their fields are in its JSON answer.
/// The defaults read <c>{"results": [{"title", "url", "snippet"}]}</c>; Bing is <c>ResultsPath = "webPages.value"</c>,
/// <c>TitleField = "name"</c>; Brave is <c>ResultsPath = "web.results"</c>, <c>SnippetField = "description"</c>.
/// </summary>
public sealed class WebSearchOptions
{
    /// <summary>Gets or sets the URL template; <c>{query}</c> (URL-encoded) and <c>{top}</c> are filled in.</summary>
    public string? UrlTemplate { get; set; }

    /// <summary>Gets or sets the API key sent in <see cref="ApiKeyHeader"/> (unset: none).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the header the key goes in.</summary>
    public string ApiKeyHeader { get; set; } = "X-Api-Key";

    /// <summary>Gets or sets the dotted path of the results array in the answer.</summary>
    public string ResultsPath { get; set; } = "results";

    /// <summary>Gets or sets the result's title field.</summary>
    public string TitleField { get; set; } = "title";

    /// <summary>Gets or sets the result's address field (also its id when <see cref="IdField"/> is absent).</summary>
    public string UrlField { get; set; } = "url";

    /// <summary>Gets or sets the result's text field.</summary>
    public string SnippetField { get; set; } = "snippet";

    /// <summary>Gets or sets the result's id field (falls back to the address).</summary>
    public string IdField { get; set; } = "id";

    /// <summary>Gets or sets the request timeout in seconds.</summary>
    public double TimeoutSeconds { get; set; } = 30;
}
