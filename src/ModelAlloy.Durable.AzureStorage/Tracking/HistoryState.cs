using Azure;

namespace ModelAlloy.Durable.AzureStorage;

/// <summary>
/// What the sentinel row of an instance's history partition says: which execution is current, how many of its
/// events are committed, a checkpoint sequence, and the row's ETag. Every checkpoint replaces the sentinel under
/// this ETag, so two workers can never both extend the same history.
/// </summary>
internal sealed record HistoryState(ETag? ETag, string? ExecutionId, int EventCount, long Sequence)
{
    public static HistoryState Empty { get; } = new(null, null, 0, 0);

    /// <summary>The version the executor compares with its cached session.</summary>
    public string? Version => ETag?.ToString();
}
