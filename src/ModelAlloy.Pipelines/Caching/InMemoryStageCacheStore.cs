using System.Collections.Concurrent;

namespace ModelAlloy.Pipelines.Caching;

/// <summary>Stage results in this process's memory (no storage connection configured); at most <see cref="MaxEntries"/>, expired ones dropped first.</summary>
public sealed class InMemoryStageCacheStore : IStageCacheStore
{
    /// <summary>The most entries kept.</summary>
    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, StageCacheEntry> _entries = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public string Name => "memory";

    /// <inheritdoc />
    public Task<StageCacheEntry?> GetAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(_entries.TryGetValue(key, out StageCacheEntry? entry) ? entry : null);

    /// <inheritdoc />
    public Task SetAsync(string key, StageCacheEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (_entries.Count >= MaxEntries)
        {
            foreach (KeyValuePair<string, StageCacheEntry> old in _entries.OrderBy(e => e.Value.ExpiresAtUtc <= entry.StoredAtUtc ? 0 : 1).ThenBy(e => e.Value.StoredAtUtc).Take((MaxEntries / 10) + 1))
            {
                _entries.TryRemove(old.Key, out _);
            }
        }

        _entries[key] = entry;
        return Task.CompletedTask;
    }
}
