using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ModelAlloy.Models;

/// <summary>
/// The cost ledger in Azure Table Storage. Each attempt is one row in the partition of its UTC day
/// (<c>day|yyyyMMdd</c>, row key = call id), plus an index row in its run's partition (<c>run|{runId}</c>) so a
/// run's spend is a one-partition read. Records are inserted, never replaced: the first write of a call id wins
/// and a replayed or redelivered attempt changes nothing; the index row always ends up carrying that record's cost.
/// </summary>
public sealed class TableCostLedger : ICostLedger
{
    /// <summary>The default table name.</summary>
    public const string DefaultTableName = "AlloyCostLedger";
    private readonly TableClient _table;
    private readonly ILogger _logger;
    private readonly Lazy<Task> _created;

    /// <summary>Creates the ledger over a table (created on first use).</summary>
    /// <param name="service">The table service.</param>
    /// <param name="tableName">The table name.</param>
    /// <param name="logger">A logger.</param>
    public TableCostLedger(TableServiceClient service, string tableName = DefaultTableName, ILogger<TableCostLedger>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        _table = service.GetTableClient(tableName);
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _created = new Lazy<Task>(() => _table.CreateIfNotExistsAsync());
    }

    /// <inheritdoc/>
    public async Task<bool> RecordAsync(CostRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        await _created.Value.ConfigureAwait(false);
        string rowKey = TableKeys.Escape(record.CallId);
        TableEntity entity = CostRecordEntity.ToEntity(record, DayPartition(record.Day), rowKey);

        // The record and its index row are inserted at once (one round trip, not two). When both are new, they agree.
        // When either existed (a redelivered or concurrently delivered attempt, or one whose earlier delivery died
        // between the two writes), the index is made to carry the stored record's cost; every delivery that finds an
        // existing row does this check, so one that dies before it leaves the repair to the redelivery that follows.
        Task<bool> recordAdded = TryAddAsync(entity, cancellationToken);
        Task<bool> indexAdded = TryAddAsync(IndexRow(record, rowKey, record.CostUsd), cancellationToken);
        await Task.WhenAll(recordAdded, indexAdded).ConfigureAwait(false);
        bool created = await recordAdded.ConfigureAwait(false);
        if (!created)
        {
            Logs.DuplicateLedgerRecord(_logger, record.CallId);
        }

        if (!created || !await indexAdded.ConfigureAwait(false))
        {
            await ReconcileIndexAsync(record, entity.PartitionKey, rowKey, cancellationToken).ConfigureAwait(false);
        }

        return created;
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<CostRecord> QueryAsync(
        DateOnly from, DateOnly to, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await _created.Value.ConfigureAwait(false);
        for (DateOnly day = from; day <= to; day = day.AddDays(1))
        {
            string filter = TableClient.CreateQueryFilter($"PartitionKey eq {DayPartition(day)}");
            await foreach (TableEntity entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                yield return CostRecordEntity.FromEntity(entity);
            }
        }
    }

    /// <inheritdoc/>
    public async Task<decimal> GetRunSpendAsync(string runId, CancellationToken cancellationToken = default)
    {
        await _created.Value.ConfigureAwait(false);
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {RunPartition(runId)}");
        return await SumCostAsync(filter, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<decimal> GetDailySpendAsync(string pipeline, DateOnly day, CancellationToken cancellationToken = default)
    {
        await _created.Value.ConfigureAwait(false);
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {DayPartition(day)} and Pipeline eq {pipeline}");
        return await SumCostAsync(filter, cancellationToken).ConfigureAwait(false);
    }

    private static TableEntity IndexRow(CostRecord record, string rowKey, decimal cost) => new(RunPartition(record.RunId), rowKey)
    {
        ["CostUsd"] = cost.ToString(CultureInfo.InvariantCulture),
        ["Pipeline"] = record.Pipeline,
    };

    private async Task ReconcileIndexAsync(CostRecord record, string dayPartition, string rowKey, CancellationToken cancellationToken)
    {
        TableEntity stored = (await _table.GetEntityAsync<TableEntity>(dayPartition, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        decimal cost = CostRecordEntity.FromEntity(stored).CostUsd;
        NullableResponse<TableEntity> index = await _table.GetEntityIfExistsAsync<TableEntity>(
            RunPartition(record.RunId), rowKey, select: ["CostUsd"], cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!index.HasValue || CostRecordEntity.ReadDecimal(index.Value!, "CostUsd") != cost)
        {
            await _table.UpsertEntityAsync(IndexRow(record, rowKey, cost), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
    }

    internal static string DayPartition(DateOnly day) => "day|" + day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    internal static string RunPartition(string runId) => "run|" + TableKeys.Escape(runId);

    private async Task<decimal> SumCostAsync(string filter, CancellationToken cancellationToken)
    {
        decimal total = 0;
        await foreach (TableEntity entity in _table.QueryAsync<TableEntity>(filter, select: ["CostUsd"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            total += CostRecordEntity.ReadDecimal(entity, "CostUsd");
        }

        return total;
    }

    private async Task<bool> TryAddAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }
}
