using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using ModelAlloy.Durable.Backend;

namespace ModelAlloy.Durable.AzureStorage;

/// <summary>
/// The poison table: a message delivered too many times (or that cannot be decoded) is written here with its body,
/// its queue, how often it was delivered and the last error, then deleted from its queue. It is never retried
/// forever. Rows are keyed by escaped instance id, so purge removes them with the instance.
/// </summary>
internal sealed class PoisonStore(TableClient table, WriteFaultInjector faults, ILogger logger)
{
    public string TableName => table.Name;

    /// <summary>Records a poison message; returns the row key for the failure message.</summary>
    public async Task<string> RecordAsync(string instanceId, QueueClient queue, string messageId, string body, long deliveries, string error, CancellationToken cancellationToken)
    {
        var rowKey = $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{messageId}";
        var row = new TableEntity(KeySanitizer.Escape(instanceId), KeySanitizer.Escape(rowKey))
        {
            ["InstanceId"] = instanceId,
            ["Queue"] = queue.Name,
            ["MessageId"] = messageId,
            ["Deliveries"] = deliveries,
            ["Error"] = Truncate(error, 30_000),
            ["Body"] = Truncate(body, 30_000),
        };
        Logs.PoisonMessageDetected(logger, instanceId, queue.Name, messageId, deliveries, error);
        faults.BeforeWrite("poison.record");
        try
        {
            await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex)
        {
            throw new DurableStorageException("poison.record", ex);
        }

        return rowKey;
    }

    /// <summary>A message whose body is not a ModelAlloy envelope: record it under "(undecodable)" and delete it.</summary>
    public async Task MoveUndecodableAsync(QueueClient queue, QueueMessage raw, string error, CancellationToken cancellationToken)
    {
        await RecordAsync("(undecodable)", queue, raw.MessageId, raw.MessageText ?? "", raw.DequeueCount, error, cancellationToken).ConfigureAwait(false);
        try
        {
            await queue.DeleteMessageAsync(raw.MessageId, raw.PopReceipt, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }
    }

    /// <summary>The poison rows of an instance (tests, tooling).</summary>
    public async Task<List<TableEntity>> ListAsync(string instanceId, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {KeySanitizer.Escape(instanceId)}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        return rows;
    }

    public async Task DeleteInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        try
        {
            var rows = await ListAsync(instanceId, cancellationToken).ConfigureAwait(false);
            foreach (var row in rows)
            {
                faults.BeforeWrite("purge.poison");
                await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }
        catch (RequestFailedException ex)
        {
            throw new DurableStorageException("purge.poison", ex);
        }
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max] + "…";
}
