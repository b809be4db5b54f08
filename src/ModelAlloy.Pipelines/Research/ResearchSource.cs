namespace ModelAlloy.Pipelines.Research;

/// <summary>A source a research stage found: its number in the synthesis (<c>[n]</c>), where it came from, and whether the answer cited it.</summary>
public sealed record ResearchSource
{
    /// <summary>Gets the citation number (1-based, in order of discovery).</summary>
    public required int Number { get; init; }

    /// <summary>Gets the source's id in its backend.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the title.</summary>
    public required string Title { get; init; }

    /// <summary>Gets the address, when the backend has one.</summary>
    public string? Url { get; init; }

    /// <summary>Gets a value indicating whether the synthesis cited it.</summary>
    public bool Cited { get; init; }
}
