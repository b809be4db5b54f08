using ModelAlloy.Batches.Items;

namespace ModelAlloy.Batches.Queue;

/// <summary>
/// A message on <c>alloy-batch</c>, one of three shapes: one item <c>{"batchId","pipeline","item":{"id","input"}}</c>,
/// a JSONL blob of items <c>{"batchId","pipeline","blob":"container/path.jsonl"}</c>, or a request to write the
/// batch's results and summary <c>{"batchId","pipeline","summarize":true}</c>.
/// </summary>
public sealed record BatchMessage
{
    /// <summary>Gets the batch id.</summary>
    public required string BatchId { get; init; }

    /// <summary>Gets the pipeline.</summary>
    public required string Pipeline { get; init; }

    /// <summary>Gets the one item, or null.</summary>
    public BatchItem? Item { get; init; }

    /// <summary>Gets the JSONL blob of items as <c>container/path</c>, or null.</summary>
    public string? Blob { get; init; }

    /// <summary>Gets a value indicating whether this asks for the results and summary.</summary>
    public bool Summarize { get; init; }
}
