namespace ModelAlloy.Batches.Queue;

/// <summary>The names batches use in a storage account.</summary>
public static class BatchQueueNames
{
    /// <summary>The queue of batch messages (one item, a JSONL blob, or a summary request).</summary>
    public const string Queue = "alloy-batch";

    /// <summary>Where malformed messages go, with the reason.</summary>
    public const string Poison = "alloy-batch-poison";

    /// <summary>The blob container of uploaded items, item records, results and summaries.</summary>
    public const string Container = "alloy-batches";
}
