namespace ModelAlloy.Batches.Queue;

/// <summary>What handling one <c>alloy-batch</c> message did.</summary>
/// <param name="Started">How many runs it started (0 on a redelivery).</param>
/// <param name="Existing">How many of its items' runs already existed.</param>
/// <param name="Poisoned">The reason, when the message was malformed and moved to <c>alloy-batch-poison</c>.</param>
/// <param name="Unfinished">For a summary request: how many runs had not ended (another request is queued when above 0).</param>
public sealed record BatchMessageOutcome(int Started, int Existing, string? Poisoned = null, int Unfinished = 0);
