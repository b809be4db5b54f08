namespace ModelAlloy.Pipelines.Research;

/// <summary>The search activity's input: which backend, the query and how many results.</summary>
public sealed record SearchCall
{
    /// <summary>The most characters of content a result carries into the run's history.</summary>
    public const int MaxContentChars = 2000;

    /// <summary>Gets the backend's name.</summary>
    public required string Backend { get; init; }

    /// <summary>Gets the query.</summary>
    public required string Query { get; init; }

    /// <summary>Gets the most results.</summary>
    public int Top { get; init; } = 3;
}
