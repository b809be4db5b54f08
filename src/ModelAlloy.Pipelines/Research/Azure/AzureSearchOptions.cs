namespace ModelAlloy.Pipelines.Research;

/// <summary>An Azure AI Search index and the fields that hold a result's id, title, address and text.</summary>
public sealed class AzureSearchOptions
{
    /// <summary>Gets or sets the service endpoint, e.g. <c>https://contoso.search.windows.net</c>.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Gets or sets the index name.</summary>
    public string? Index { get; set; }

    /// <summary>Gets or sets a query key; unset: <c>DefaultAzureCredential</c> (managed identity, developer sign-in).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the key field.</summary>
    public string IdField { get; set; } = "id";

    /// <summary>Gets or sets the title field.</summary>
    public string TitleField { get; set; } = "title";

    /// <summary>Gets or sets the address field (optional in the documents).</summary>
    public string UrlField { get; set; } = "url";

    /// <summary>Gets or sets the text field.</summary>
    public string ContentField { get; set; } = "content";
}
