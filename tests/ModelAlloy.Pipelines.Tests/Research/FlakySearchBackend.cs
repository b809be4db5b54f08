using System.Collections.Concurrent;
using ModelAlloy.Pipelines.Research;

namespace ModelAlloy.Pipelines.Tests.Research;

/// <summary>
/// A search backend named like the built-in <c>local</c> one (so it replaces it) with fixed results per query; the
/// calls <see cref="Failure"/> picks (by 1-based call number and query) throw. By default the first call fails.
/// </summary>
public sealed class FlakySearchBackend(IReadOnlyDictionary<string, SearchHit[]> results) : ISearchBackend
{
    private readonly ConcurrentQueue<string> _calls = new();
    private int _count;

    public string Name => SearchBackendNames.Local;

    public IReadOnlyList<string> Calls => _calls.ToArray();

    public Func<int, string, Exception?> Failure { get; set; } = (call, _) => call == 1 ? new HttpRequestException("search service unavailable (first call)") : null;

    public Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int top, CancellationToken cancellationToken)
    {
        _calls.Enqueue(query);
        if (Failure(Interlocked.Increment(ref _count), query) is { } failure)
        {
            throw failure;
        }

        return Task.FromResult<IReadOnlyList<SearchHit>>(results.TryGetValue(query, out SearchHit[]? hits) ? hits.Take(top).ToArray() : []);
    }
}
