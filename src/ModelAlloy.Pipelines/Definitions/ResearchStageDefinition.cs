using System.Text.Json.Serialization;

namespace ModelAlloy.Pipelines.Definitions;

/// <summary>
/// Research: a cheap model writes search queries, every query is searched at once (activities, retried), a cheap
/// model lists the claims of each result, near-duplicate claims are removed and the rest structured, and a capable
/// model writes the answer citing the sources it used as <c>[n]</c>.
/// </summary>
public sealed record ResearchStageDefinition : StageDefinition
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => StageKinds.Research;

    /// <summary>Gets the query writer (placeholders: <c>{{input}}</c>, <c>{{maxQueries}}</c>); its answer schema is built in.</summary>
    public required ModelStep Queries { get; init; }

    /// <summary>Gets the most queries searched (1–10), the input itself first when <see cref="IncludeInput"/>.</summary>
    public int MaxQueries { get; init; } = 3;

    /// <summary>Gets a value indicating whether the input itself is searched too (default true).</summary>
    public bool IncludeInput { get; init; } = true;

    /// <summary>Gets the most results per query (1–20).</summary>
    public int MaxResults { get; init; } = 3;

    /// <summary>Gets where and how to search.</summary>
    public ResearchSearch Search { get; init; } = new();

    /// <summary>Gets the claim extractor, called once per result (placeholders: <c>{{input}}</c>, <c>{{title}}</c>, <c>{{content}}</c>, <c>{{url}}</c>); its answer schema is built in.</summary>
    public required ModelStep Claims { get; init; }

    /// <summary>Gets the word-shingle Jaccard similarity in [0, 1] at or above which a claim is a near-duplicate of an earlier one.</summary>
    public double DuplicateThreshold { get; init; } = 0.6;

    /// <summary>Gets the optional structuring call over the remaining claims (placeholders: <c>{{input}}</c>, <c>{{claims}}</c>).</summary>
    public ModelStep? Structure { get; init; }

    /// <summary>Gets the synthesizer (placeholders: <c>{{input}}</c>, <c>{{claims}}</c>, <c>{{notes}}</c>, <c>{{sources}}</c>).</summary>
    public required ModelStep Synthesizer { get; init; }
}

/// <summary>Where a research stage searches, and how a failing search call is retried.</summary>
public sealed record ResearchSearch
{
    /// <summary>Gets the backend's name: <c>local</c> (the embedded Lucene corpus), <c>azure-search</c> or <c>web</c>.</summary>
    public string Backend { get; init; } = "local";

    /// <summary>Gets the most attempts per search call (1–10).</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Gets the delay before the first retry, in seconds (doubling after each); in (0, 300].</summary>
    public double FirstRetrySeconds { get; init; } = 1;
}
