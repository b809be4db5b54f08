namespace ModelAlloy.Batches.Queue;

/// <summary>A queued item that was started: its id and its instance.</summary>
/// <param name="Id">The item id.</param>
/// <param name="Instance">The instance id.</param>
public sealed record BatchRunRecord(string Id, string Instance);
