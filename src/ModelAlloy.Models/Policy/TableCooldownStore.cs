using Azure;
using Azure.Data.Tables;

namespace ModelAlloy.Models;

/// <summary>
/// Cooldowns in Azure Table Storage so every worker skips a failing model: one row per model, updated under its
/// ETag (a lost race re-reads and re-applies; bounded).
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
        TableEntity? row = await ReadAsync(modelId, cancellationToken).ConfigureAwait(false);
        DateTimeOffset? until = row?.GetDateTimeOffset("CooldownUntil");
        return until > now ? until : null;
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
                return newUntil != until ? newUntil : null;
            }
        }

        throw new ModelGatewayException(ModelErrorCodes.StorageFailed, $"cooldown of model '{modelId}': lost {MaxRaces} concurrent updates in a row; check for a hot loop of failing callers");
    }

    /// <inheritdoc/>
    public async Task RecordSuccessAsync(string modelId, CancellationToken cancellationToken = default)
    {
        TableEntity? row = await ReadAsync(modelId, cancellationToken).ConfigureAwait(false);
        if (row is null || (row.GetInt32("Failures") ?? 0) == 0)
        {
            return;
        }

        // Losing this race is harmless: a concurrent writer has counted a newer outcome.
        row["Failures"] = 0;
        await TryWriteAsync(row, row.ETag, cancellationToken).ConfigureAwait(false);
    }

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
}
