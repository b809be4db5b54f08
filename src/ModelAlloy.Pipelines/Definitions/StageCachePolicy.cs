namespace ModelAlloy.Pipelines.Definitions;

/// <summary>
/// Caches a stage's result, keyed by a SHA-256 of the stage's definition, the models behind its roles and its input,
/// for <see cref="TtlSeconds"/>. A hit skips the stage's model calls and writes a zero-cost ledger row marked as a hit.
/// </summary>
public sealed record StageCachePolicy
{
    /// <summary>Gets how long a stored result is served, in seconds (more than 0).</summary>
    public required double TtlSeconds { get; init; }
}
