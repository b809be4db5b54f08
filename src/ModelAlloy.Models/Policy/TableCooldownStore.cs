using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;

namespace ModelAlloy.Models;

/// <summary>
/// Cooldowns in Azure Table Storage so every worker skips a failing model: one row per model, updated under its
/// ETag (a lost race re-reads and re-applies; bounded). What this worker last read or wrote of a row is trusted for
/// <see cref="CooldownOptions.SharedStateCacheDuration"/>, so an attempt at a healthy model costs no table operation
/// for its cooldown check and its success.
/// </summary>
public sealed class TableCooldownStore : ICooldownStore
{
    /// <summary>The default table name.</summary>
    public const string DefaultTableName = "AlloyModelCooldowns";
    private const string Partition = "cooldown";
    private const int MaxRaces = 8;
    private readonly TableClient _table;
    private readonly CooldownOptions _options;
    private readonly Lazy<Task> _created;
    private readonly ConcurrentDictionary<string, Snapshot> _recent = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates the store over a table (created on first use).</summary>
    /// <param name="service">The table service.</param>
    /// <param name="options">The cooldown policy.</param>
    /// <param name="tableName">The table name.</param>
    public TableCooldownStore(TableServiceClient service, CooldownOptions options, string tableName = DefaultTableName)
    {
        ArgumentNullException.ThrowIfNull(service);
        _table = service.GetTableClient(tableName);
        _options = options;
        _created = new Lazy<Task>(() => _table.CreateIfNotExistsAsync());
    }

    /// <inheritdoc/>
    public async Task<DateTimeOffset?> GetCooldownAsync(string modelId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        Snapshot state = Recent(modelId, now) ?? Remember(modelId, await ReadAsync(modelId, cancellationToken).ConfigureAwait(false), now);
        return state.Until > now ? state.Until : null;
    }

    /// <inheritdoc/>
    public async Task<DateTimeOffset?> RecordFailureAsync(string modelId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        for (int race = 0; race < MaxRaces; race++)
        {
            TableEntity? row = await ReadAsync(modelId, cancellationToken).ConfigureAwait(false);
            int failures = row?.GetInt32("Failures") ?? 0;
            DateTimeOffset? until = row?.GetDateTimeOffset("CooldownUntil");
            (int newFailures, DateTimeOffset? newUntil) = CooldownRule.Apply(_options, failures, until, now);
            var entity = new TableEntity(Partition, TableKeys.Escape(modelId)) { ["Failures"] = newFailures, ["CooldownUntil"] = newUntil };
            if (await TryWriteAsync(entity, row?.ETag, cancellationToken).ConfigureAwait(false))
            {
                _recent[modelId] = new Snapshot(newFailures, newUntil, now);
                return newUntil != until ? newUntil : null;
            }
        }

        throw new ModelGatewayException(ModelErrorCodes.StorageFailed, $"cooldown of model '{modelId}': lost {MaxRaces} concurrent updates in a row; check for a hot loop of failing callers");
    }

    /// <inheritdoc/>
    public async Task RecordSuccessAsync(string modelId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (Recent(modelId, now) is { Failures: 0 })
        {
            return;
        }

        TableEntity? row = await ReadAsync(modelId, cancellationToken).ConfigureAwait(false);
        Snapshot state = Remember(modelId, row, now);
        if (row is null || state.Failures == 0)
        {
            return;
        }

        // Losing this race is harmless: a concurrent writer has counted a newer outcome.
        row["Failures"] = 0;
        if (await TryWriteAsync(row, row.ETag, cancellationToken).ConfigureAwait(false))
        {
            _recent[modelId] = state with { Failures = 0 };
        }
    }

    private Snapshot? Recent(string modelId, DateTimeOffset now) =>
        _recent.TryGetValue(modelId, out Snapshot? state) && now >= state.ReadAt && now - state.ReadAt < _options.SharedStateCacheDuration ? state : null;

    private Snapshot Remember(string modelId, TableEntity? row, DateTimeOffset now) =>
        _recent[modelId] = new Snapshot(row?.GetInt32("Failures") ?? 0, row?.GetDateTimeOffset("CooldownUntil"), now);

    private async Task<TableEntity?> ReadAsync(string modelId, CancellationToken cancellationToken)
    {
        await _created.Value.ConfigureAwait(false);
        NullableResponse<TableEntity> response = await _table.GetEntityIfExistsAsync<TableEntity>(
            Partition, TableKeys.Escape(modelId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    private async Task<bool> TryWriteAsync(TableEntity entity, ETag? etag, CancellationToken cancellationToken)
    {
        try
        {
            if (etag is { } match)
            {
                await _table.UpdateEntityAsync(entity, match, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>A model's row as this worker last read or wrote it, and when.</summary>
    private sealed record Snapshot(int Failures, DateTimeOffset? Until, DateTimeOffset ReadAt);
}
