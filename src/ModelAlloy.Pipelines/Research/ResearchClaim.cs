namespace ModelAlloy.Pipelines.Research;

/// <summary>One claim read from one search result; it keeps its source so the synthesis can cite it.</summary>
/// <param name="Text">The claim.</param>
/// <param name="Source">The number of the source it was read from.</param>
internal sealed record ResearchClaim(string Text, int Source);
