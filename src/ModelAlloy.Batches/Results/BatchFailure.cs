namespace ModelAlloy.Batches.Results;

/// <summary>A failed item and why.</summary>
/// <param name="Id">The item id.</param>
/// <param name="Instance">The instance id.</param>
/// <param name="Reason">The reason.</param>
public sealed record BatchFailure(string Id, string Instance, string Reason);
