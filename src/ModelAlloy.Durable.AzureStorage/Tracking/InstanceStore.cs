using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using ModelAlloy.Durable.Backend;
using ModelAlloy.Durable.History;

namespace ModelAlloy.Durable.AzureStorage;

/// <summary>
/// The instances table: one row per instance with its status, for status reads and queries. Workers update it
/// only under the row's ETag and only with a newer checkpoint sequence, so a slow worker can never overwrite a
/// newer status with an older one (DTFx's instances stuck in "Running").
/// </summary>
internal sealed partial class InstanceStore(TableClient table, PayloadStore payloads, WriteFaultInjector faults, TimeProvider time)
{
    /// <summary>
    /// Inserts the Pending row of a new instance. Returns the created record (without payloads) or, when the id is
    /// taken, the existing one.
    /// </summary>
    public async Task<(bool Created, InstanceRecord? Record, ETag ETag)> TryInsertAsync(string instanceId, ExecutionStarted started, CancellationToken cancellationToken)
    {
        var row = await NewRowAsync(instanceId, started, cancellationToken).ConfigureAwait(false);
        faults.BeforeWrite("create.instance");
        try
        {
            var response = await table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
            return (true, await InstanceEntityMapper.ToRecordAsync(row, false, payloads, cancellationToken).ConfigureAwait(false), response.Headers.ETag ?? default);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var existing = await GetRowAsync(instanceId, cancellationToken).ConfigureAwait(false);
            return existing is null
                ? await TryInsertAsync(instanceId, started, cancellationToken).ConfigureAwait(false)
                : (false, await InstanceEntityMapper.ToRecordAsync(existing, false, payloads, cancellationToken).ConfigureAwait(false), existing.ETag);
        }
        catch (RequestFailedException ex)
        {
            throw new DurableStorageException("create.instance", ex);
        }
    }

    /// <summary>Replaces a finished instance's row with a new Pending execution (ETag-guarded).</summary>
    public async Task<bool> TryReplaceAsync(string instanceId, ExecutionStarted started, ETag etag, CancellationToken cancellationToken)
    {
        var row = await NewRowAsync(instanceId, started, cancellationToken).ConfigureAwait(false);
        faults.BeforeWrite("create.instance");
        try
        {
            await table.UpdateEntityAsync(row, etag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }
        catch (RequestFailedException ex)
        {
            throw new DurableStorageException("create.instance", ex);
        }
    }

    public async Task<TableEntity?> GetRowAsync(string instanceId, CancellationToken cancellationToken)
    {
        try
        {
            var response = await table.GetEntityIfExistsAsync<TableEntity>(KeySanitizer.Escape(instanceId), InstanceEntityMapper.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            return response.HasValue ? response.Value : null;
        }
        catch (RequestFailedException ex)
        {
            throw new DurableStorageException("instance.read", ex);
        }
    }

    public async Task<InstanceRecord?> GetAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken)
    {
        var row = await GetRowAsync(instanceId, cancellationToken).ConfigureAwait(false);
        return row is null ? null : await InstanceEntityMapper.ToRecordAsync(row, includePayloads, payloads, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes an episode's status with checkpoint <paramref name="sequence"/>. Uses <paramref name="knownETag"/>
    /// when given; on a conflict re-reads and writes only if the stored sequence is older. Returns the new ETag, or
    /// null when a newer status was already stored.
    /// </summary>
    public async Task<ETag?> UpdateStatusAsync(
        string instanceId, string executionId, long sequence, InstanceStatusUpdate status, ETag? knownETag, CancellationToken cancellationToken, string writePoint = "commit.status")
    {
        var row = new TableEntity(KeySanitizer.Escape(instanceId), InstanceEntityMapper.RowKey)
        {
            ["ExecutionId"] = executionId,
            ["RuntimeStatus"] = status.RuntimeStatus.ToString(),
            ["LastUpdatedAt"] = status.LastUpdatedAt,
            ["Sequence"] = sequence,
        };
        if (status.CompletedAt is { } completed)
        {
            row["CompletedAt"] = completed;
        }

        await InstanceEntityMapper.SetAsync(row, instanceId, executionId, "Output", status.Output, payloads, cancellationToken).ConfigureAwait(false);
        await InstanceEntityMapper.SetAsync(row, instanceId, executionId, "CustomStatus", status.CustomStatus, payloads, cancellationToken).ConfigureAwait(false);
        var failure = status.FailureDetails is null ? null : JsonSerializer.Serialize(status.FailureDetails);
        await InstanceEntityMapper.SetAsync(row, instanceId, executionId, "FailureDetails", failure, payloads, cancellationToken).ConfigureAwait(false);
        if (status.Input is not null)
        {
            await InstanceEntityMapper.SetAsync(row, instanceId, executionId, "Input", status.Input, payloads, cancellationToken).ConfigureAwait(false);
        }

        var etag = knownETag;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (etag is null)
            {
                var current = await GetRowAsync(instanceId, cancellationToken).ConfigureAwait(false);
                if (current is null || (current.GetInt64("Sequence") ?? 0) >= sequence)
                {
                    return null; // purged, or a newer checkpoint already wrote its status
                }

                etag = current.ETag;
            }

            faults.BeforeWrite(writePoint);
            try
            {
                var response = await table.UpdateEntityAsync(row, etag.Value, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                return response.Headers.ETag;
            }
            catch (RequestFailedException ex) when (ex.Status is 412 or 404)
            {
                etag = null;
            }
            catch (RequestFailedException ex)
            {
                throw new DurableStorageException("commit.status", ex);
            }
        }

        throw new CheckpointConflictException(instanceId);
    }

    public async Task DeleteAsync(string instanceId, CancellationToken cancellationToken)
    {
        faults.BeforeWrite("purge.instance");
        try
        {
            await table.DeleteEntityAsync(KeySanitizer.Escape(instanceId), InstanceEntityMapper.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }
        catch (RequestFailedException ex)
        {
            throw new DurableStorageException("purge.instance", ex);
        }
    }

    private async Task<TableEntity> NewRowAsync(string instanceId, ExecutionStarted started, CancellationToken cancellationToken)
    {
        // Whole milliseconds: the emulator compares dates at that precision, so filters stay exact (see BuildFilter).
        var now = time.GetUtcNow().UtcDateTime;
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
        var row = new TableEntity(KeySanitizer.Escape(instanceId), InstanceEntityMapper.RowKey)
        {
            ["InstanceId"] = instanceId,
            ["ExecutionId"] = started.ExecutionId,
            ["Name"] = started.Name,
            ["Version"] = started.Version,
            ["RuntimeStatus"] = nameof(OrchestrationRuntimeStatus.Pending),
            ["CreatedAt"] = now,
            ["LastUpdatedAt"] = now,
            ["ParentInstanceId"] = started.Parent?.InstanceId ?? "",
            ["TraceId"] = started.TraceId ?? "",
            ["Sequence"] = 0L,
            ["Output"] = "",
            ["CustomStatus"] = "",
            ["FailureDetails"] = "",
        };
        if (started.ScheduledStartTime is { } scheduled)
        {
            row["ScheduledStartAt"] = scheduled;
        }

        await InstanceEntityMapper.SetAsync(row, instanceId, started.ExecutionId, "Input", started.Input, payloads, cancellationToken).ConfigureAwait(false);
        return row;
    }
}
