namespace ModelAlloy.Pipelines.Research;

/// <summary>The search backends every host registers (<c>search.backend</c> of a research stage).</summary>
public static class SearchBackendNames
{
    /// <summary>The embedded Lucene.Net corpus (a folder of .md, .txt and .jsonl documents); the default.</summary>
    public const string Local = "local";

    /// <summary>An Azure AI Search index.</summary>
    public const string AzureSearch = "azure-search";

    /// <summary>A web-search HTTP API returning JSON results.</summary>
    public const string Web = "web";

    /// <summary>Gets every name.</summary>
    public static IReadOnlyList<string> All { get; } = [Local, AzureSearch, Web];
}
