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
/// run's spend is a one-partition read. Both are inserted, never replaced: the first write of a call id wins
/// and a replayed or redelivered attempt changes nothing.
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
        bool created = await TryAddAsync(entity, cancellationToken).ConfigureAwait(false);
        decimal cost = record.CostUsd;
        if (!created)
        {
            Logs.DuplicateLedgerRecord(_logger, record.CallId);
            TableEntity existing = (await _table.GetEntityAsync<TableEntity>(entity.PartitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            cost = CostRecordEntity.FromEntity(existing).CostUsd;
        }

        // The index row is written after the record so a crash in between is repaired by the redelivery.
        var index = new TableEntity(RunPartition(record.RunId), rowKey)
        {
            ["CostUsd"] = cost.ToString(CultureInfo.InvariantCulture),
            ["Pipeline"] = record.Pipeline,
        };
        await TryAddAsync(index, cancellationToken).ConfigureAwait(false);
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
