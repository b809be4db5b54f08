using System.Text.Json.Serialization;

namespace ModelAlloy.Batches.Results;

/// <summary>One finished item: one JSON line of the results file.</summary>
public sealed record BatchItemResult
{
    /// <summary>Gets the item id.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the run's instance id.</summary>
    public required string Instance { get; init; }

    /// <summary>Gets how the run ended.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<BatchItemStatus>))]
    public required BatchItemStatus Status { get; init; }

    /// <summary>Gets a value indicating whether the run had finished before this pass (its result was read back, nothing ran).</summary>
    public bool Skipped { get; init; }

    /// <summary>Gets the pipeline's output, or null when the run did not complete.</summary>
    public string? Output { get; init; }

    /// <summary>Gets the run's cost in US dollars (every model attempt).</summary>
    public decimal CostUsd { get; init; }

    /// <summary>Gets the run's latency in milliseconds, from creation to its last update.</summary>
    public double LatencyMs { get; init; }

    /// <summary>Gets the path the run took: <c>stage(route): model, model &gt; stage...</c>.</summary>
    public string? Stages { get; init; }

    /// <summary>Gets why the run failed, or null.</summary>
    public string? Failure { get; init; }

    /// <summary>Gets a value indicating whether any answer came from a simulated model.</summary>
    public bool Simulated { get; init; }

    /// <summary>Gets a value indicating whether the run completed.</summary>
    [JsonIgnore]
    public bool IsCompleted => Status == BatchItemStatus.Completed;
}
