using Microsoft.Extensions.Options;
using ModelAlloy.Models;

namespace ModelAlloy.Pipelines.Caching;

/// <summary>
/// The bodies of the stage-cache activities, shared by every host (the self-hosted worker's activities and the
/// Functions app's <c>[ActivityTrigger]</c> wrappers): the key from the stage, its models and its input; a hit
/// served until its time to live passes, with a zero-cost ledger row marked <see cref="CostRecord.StageCacheHitOutcome"/>.
/// </summary>
/// <param name="store">Where entries are kept.</param>
/// <param name="ledger">The cost ledger.</param>
/// <param name="catalog">The model catalog (the models behind the stage's roles are part of the key).</param>
/// <param name="time">The clock of the time to live.</param>
public sealed class StageCache(IStageCacheStore store, ICostLedger ledger, IOptions<ModelGatewayOptions> catalog, TimeProvider time)
{
    /// <summary>The model id and provider on a cache hit's ledger row.</summary>
    public const string LedgerModelId = "stage-cache";

    /// <summary>Looks a stage's result up; on a hit, records it in the ledger (idempotent per run and stage).</summary>
    /// <param name="lookup">The stage, its input and the run's labels.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The key, and the entry on a hit.</returns>
    public async Task<StageCacheLookupResult> LookupAsync(StageCacheLookup lookup, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        string key = StageCacheKey.Compute(lookup, catalog.Value);
        StageCacheEntry? entry = await store.GetAsync(key, cancellationToken).ConfigureAwait(false);
        if (entry is null || entry.ExpiresAtUtc <= time.GetUtcNow().UtcDateTime)
        {
            return new StageCacheLookupResult { Key = key };
        }

        await ledger.RecordAsync(
            new CostRecord
            {
                CallId = $"{lookup.RunId}|cache|{lookup.StageId}",
                RunId = lookup.RunId,
                Pipeline = lookup.Pipeline,
                Stage = lookup.StageId,
                TaskType = lookup.TaskType,
                ModelId = LedgerModelId,
                Provider = LedgerModelId,
                Deployment = store.Name,
                Attempt = 1,
                Outcome = CostRecord.StageCacheHitOutcome,
                CostUsd = 0m,
                SavedCostUsd = entry.Record.CostUsd,
                Simulated = entry.Simulated,
                OccurredAtUtc = lookup.OccurredAtUtc,
            },
            cancellationToken).ConfigureAwait(false);
        return new StageCacheLookupResult { Key = key, Entry = entry };
    }

    /// <summary>Stores a stage's result for its time to live, from now.</summary>
    /// <param name="write">The key, the time to live and the entry.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task.</returns>
    public Task StoreAsync(StageCacheWrite write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        DateTime now = time.GetUtcNow().UtcDateTime;
        return store.SetAsync(write.Key, write.Entry with { StoredAtUtc = now, ExpiresAtUtc = now.AddSeconds(write.TtlSeconds) }, cancellationToken);
    }
}
