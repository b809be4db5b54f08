namespace ModelAlloy.Pipelines.Caching;

/// <summary>Where stage results are kept: Table Storage when a storage connection is configured, else memory.</summary>
public interface IStageCacheStore
{
    /// <summary>Gets a short name of the store (recorded on cache-hit ledger rows), e.g. <c>table</c> or <c>memory</c>.</summary>
    string Name { get; }

    /// <summary>Reads an entry (expired ones included: the caller checks <see cref="StageCacheEntry.ExpiresAtUtc"/>).</summary>
    /// <param name="key">The cache key.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The entry, or null.</returns>
    Task<StageCacheEntry?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Writes (or replaces) an entry.</summary>
    /// <param name="key">The cache key.</param>
    /// <param name="entry">The entry.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task.</returns>
    Task SetAsync(string key, StageCacheEntry entry, CancellationToken cancellationToken = default);
}
