namespace ModelAlloy.Pipelines.Research;

/// <summary>One search result: the source's id, title, address and the text the claims are read from.</summary>
public sealed record SearchHit
{
    /// <summary>Gets the source's id in its backend (file path, document key or URL).</summary>
    public required string Id { get; init; }

    /// <summary>Gets the title.</summary>
    public required string Title { get; init; }

    /// <summary>Gets the address, when the backend has one.</summary>
    public string? Url { get; init; }

    /// <summary>Gets the snippet or content (at most <see cref="SearchCall.MaxContentChars"/> characters).</summary>
    public required string Content { get; init; }

    /// <summary>Gets the backend's relevance score.</summary>
    public double Score { get; init; }
}
