namespace ModelAlloy.Pipelines.Research;

/// <summary>The search backends' settings (section <c>ModelAlloy:Search</c>).</summary>
public sealed class SearchOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "ModelAlloy:Search";

    /// <summary>Gets or sets the embedded corpus (<c>ModelAlloy:Search:Local</c>).</summary>
    public LocalCorpusOptions Local { get; set; } = new();

    /// <summary>Gets or sets the Azure AI Search index (<c>ModelAlloy:Search:AzureSearch</c>).</summary>
    public AzureSearchOptions AzureSearch { get; set; } = new();

    /// <summary>Gets or sets the web-search API (<c>ModelAlloy:Search:Web</c>).</summary>
    public WebSearchOptions Web { get; set; } = new();
}
