using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace ModelAlloy.Pipelines.Caching;

/// <summary>
/// Stage results in Azure Table Storage, shared by every worker: one row per key (partition = key), the entry as JSON
/// split over properties of at most 30,000 characters (a string property holds 64 KiB); an entry too large for one
/// row (about 900 KB) is not stored. The table is created on first use.
/// </summary>
public sealed class TableStageCacheStore : IStageCacheStore
{
    /// <summary>The default table name.</summary>
    public const string DefaultTableName = "AlloyStageCache";

    private const int ChunkChars = 30_000;
    private const int MaxChunks = 30;
    private const string RowKey = "entry";
    private readonly TableClient _table;
    private readonly Lazy<Task> _created;

    /// <summary>Creates the store over a table.</summary>
    /// <param name="service">The table service.</param>
    /// <param name="tableName">The table name.</param>
    public TableStageCacheStore(TableServiceClient service, string tableName = DefaultTableName)
    {
        ArgumentNullException.ThrowIfNull(service);
        _table = service.GetTableClient(tableName);
        _created = new Lazy<Task>(() => _table.CreateIfNotExistsAsync());
    }

    /// <inheritdoc />
    public string Name => "table";

    /// <inheritdoc />
    public async Task<StageCacheEntry?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        await _created.Value.ConfigureAwait(false);
        NullableResponse<TableEntity> row = await _table.GetEntityIfExistsAsync<TableEntity>(key, RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!row.HasValue || row.Value is not { } entity)
        {
            return null;
        }

        int chunks = entity.GetInt32("Chunks") ?? 0;
        string json = string.Concat(Enumerable.Range(0, chunks).Select(i => entity.GetString($"Entry{i}")));
        return JsonSerializer.Deserialize<StageCacheEntry>(json);
    }

    /// <inheritdoc />
    public async Task SetAsync(string key, StageCacheEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        string json = JsonSerializer.Serialize(entry);
        int chunks = (json.Length + ChunkChars - 1) / ChunkChars;
        if (chunks > MaxChunks)
        {
            return;
        }

        await _created.Value.ConfigureAwait(false);
        var entity = new TableEntity(key, RowKey)
        {
            ["Chunks"] = chunks,
            ["ExpiresAtUtc"] = DateTime.SpecifyKind(entry.ExpiresAtUtc, DateTimeKind.Utc),
        };
        for (int i = 0; i < chunks; i++)
        {
            entity[$"Entry{i}"] = json.Substring(i * ChunkChars, Math.Min(ChunkChars, json.Length - (i * ChunkChars)));
        }

        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }
}
