namespace ModelAlloy.Pipelines.Caching;

/// <summary>The cache-lookup activity's input: what the key is made of, and the labels of a hit's ledger row.</summary>
public sealed record StageCacheLookup
{
    /// <summary>Gets the run (orchestration instance) id.</summary>
    public required string RunId { get; init; }

    /// <summary>Gets the pipeline.</summary>
    public required string Pipeline { get; init; }

    /// <summary>Gets the stage id.</summary>
    public required string StageId { get; init; }

    /// <summary>Gets the task type of a hit's ledger row.</summary>
    public required string TaskType { get; init; }

    /// <summary>Gets the stage's definition as JSON (part of the key).</summary>
    public required string StageJson { get; init; }

    /// <summary>Gets the stage's input (part of the key).</summary>
    public required string Input { get; init; }

    /// <summary>Gets the run's original input (part of the key: prompts may use <c>{{original}}</c>).</summary>
    public required string Original { get; init; }

    /// <summary>Gets when the run asked (its replay-safe clock): a hit's ledger row's time.</summary>
    public DateTime OccurredAtUtc { get; init; }
}

/// <summary>The cache-lookup activity's output.</summary>
public sealed record StageCacheLookupResult
{
    /// <summary>Gets the key (the store activity writes under it on a miss).</summary>
    public required string Key { get; init; }

    /// <summary>Gets the live entry, or null on a miss.</summary>
    public StageCacheEntry? Entry { get; init; }
}

/// <summary>The cache-store activity's input.</summary>
public sealed record StageCacheWrite
{
    /// <summary>Gets the key.</summary>
    public required string Key { get; init; }

    /// <summary>Gets the time to live, in seconds.</summary>
    public required double TtlSeconds { get; init; }

    /// <summary>Gets the entry (its times are set by the store activity).</summary>
    public required StageCacheEntry Entry { get; init; }
}
