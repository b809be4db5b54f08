using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using ModelAlloy.Durable.Backend;
using ModelAlloy.Durable.History;

namespace ModelAlloy.Durable.AzureStorage;

/// <summary>
/// The history table: one partition per instance holding a sentinel row (<see cref="HistoryState"/>) and one row
/// per event (<c>{executionId}-{eventId:D8}</c>). Rows beyond the sentinel's count or of another execution are
/// ignored, which makes every partially written checkpoint invisible.
/// </summary>
internal sealed class HistoryStore(TableClient table, PayloadStore payloads, WriteFaultInjector faults)
{
    internal const string SentinelKey = "!sentinel";
    private const string UnsentColumn = "Unsent";
    private const int MaxBatchOperations = 100;
    private const int MaxBatchChars = 1_500_000; // UTF-16 chars; keeps a transaction well under the 4 MB limit

    public async Task<HistoryState> ReadStateAsync(string instanceId, CancellationToken cancellationToken)
    {
        try
        {
            var response = await table.GetEntityIfExistsAsync<TableEntity>(KeySanitizer.Escape(instanceId), SentinelKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            return response.HasValue ? ToState(response.Value!) : HistoryState.Empty;
        }
        catch (RequestFailedException ex)
        {
            throw new DurableStorageException("history.sentinel", ex);
        }
    }

    /// <summary>Reads the sentinel and the current execution's events in one partition query.</summary>
    public async Task<(HistoryState State, IReadOnlyList<HistoryEvent> Events)> LoadAsync(string instanceId, CancellationToken cancellationToken)
    {
        var (state, events, _) = await LoadWithUnsentAsync(instanceId, cancellationToken).ConfigureAwait(false);
        return (state, events);
    }

    /// <summary>
    /// Like <see cref="LoadAsync"/>, also naming the <see cref="TaskScheduled"/> events whose requests were never sent
    /// as queue messages (run by the worker that scheduled them, under an anchor; see <see cref="InstanceAnchors"/>).
    /// </summary>
    public async Task<(HistoryState State, IReadOnlyList<HistoryEvent> Events, IReadOnlyList<TaskScheduled> Unsent)> LoadWithUnsentAsync(string instanceId, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        var state = HistoryState.Empty;
        try
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {KeySanitizer.Escape(instanceId)}");
            await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (row.RowKey == SentinelKey)
                {
                    state = ToState(row);
                }
                else
                {
                    rows.Add(row);
                }
            }
        }
        catch (RequestFailedException ex)
        {
            throw new DurableStorageException("history.load", ex);
        }

        var current = rows
            .Where(r => r.GetString("ExecutionId") == state.ExecutionId && r.GetInt32("EventId") < state.EventCount)
            .OrderBy(r => r.GetInt32("EventId"))
            .ToArray();
        var events = await Task.WhenAll(current.Select(r => ReadEventAsync(r, cancellationToken))).ConfigureAwait(false);
        var unsent = current.Select((row, i) => (row, i)).Where(p => p.row.GetBoolean(UnsentColumn) == true).Select(p => events[p.i]).OfType<TaskScheduled>().ToArray();
        return (state, events, unsent);
    }

    /// <summary>Records that the requests of these unsent tasks are now queue messages (re-sent after their worker was lost).</summary>
    public async Task MarkSentAsync(string instanceId, string executionId, IReadOnlyList<TaskScheduled> sent, CancellationToken cancellationToken)
    {
        var partition = KeySanitizer.Escape(instanceId);
        try
        {
            foreach (var chunk in sent.Chunk(MaxBatchOperations))
            {
                faults.BeforeWrite("recover.mark-sent");
                await table.SubmitTransactionAsync(
                    chunk.Select(t => new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity(partition, RowKey(executionId, t.EventId)) { [UnsentColumn] = false }, ETag.All)),
                    cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RequestFailedException ex)
        {
            throw new DurableStorageException("history.mark-sent", ex);
        }
    }

    /// <summary>
    /// Writes the episode's events, in transactions of up to 99 rows that each also update the sentinel under the
    /// ETag the previous one returned, starting from <paramref name="expected"/>'s. Only the last transaction moves
    /// the sentinel's count, so a partly written checkpoint stays invisible; and because every transaction is
    /// guarded, a worker whose view is stale fails on its first one before it can overwrite a row another worker
    /// committed. Throws <see cref="CheckpointConflictException"/> when another worker won. Tasks in
    /// <paramref name="unsentTasks"/> get no request message: their rows are marked so that a worker loading the
    /// instance after a crash re-sends them.
    /// </summary>
    public async Task<HistoryState> CheckpointAsync(
        string instanceId, HistoryState expected, OrchestrationCommit commit, CancellationToken cancellationToken, string writePoint = "commit.history", IReadOnlySet<int>? unsentTasks = null)
    {
        var partition = KeySanitizer.Escape(instanceId);
        var executionId = commit.ExecutionId;
        var count = commit.ReplacesHistory || expected.ExecutionId != executionId ? commit.NewEvents.Count : expected.EventCount + commit.NewEvents.Count;
        var rows = new List<TableEntity>(commit.NewEvents.Count);
        foreach (var historyEvent in commit.NewEvents)
        {
            var row = await ToRowAsync(instanceId, partition, executionId, historyEvent, cancellationToken).ConfigureAwait(false);
            if (historyEvent is TaskScheduled scheduled && unsentTasks?.Contains(scheduled.TaskId) == true)
            {
                row[UnsentColumn] = true;
            }

            rows.Add(row);
        }

        var batches = Chunk(rows);
        var etag = expected.ETag;
        try
        {
            for (var i = 0; i < batches.Count - 1; i++)
            {
                // The sentinel keeps its committed state (an Add of the empty state when there is none yet) but gets
                // a new ETag, which the next transaction must present.
                var guard = etag is { } current
                    ? new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity(partition, SentinelKey) { ["Writing"] = expected.Sequence + 1 }, current)
                    : new TableTransactionAction(TableTransactionActionType.Add, Sentinel(partition, expected.ExecutionId, expected.EventCount, expected.Sequence));
                faults.BeforeWrite(writePoint + ".events");
                etag = await SubmitGuardedAsync(batches[i], guard, cancellationToken).ConfigureAwait(false);
            }

            var sentinel = Sentinel(partition, executionId, count, expected.Sequence + 1);
            var last = etag is { } tag
                ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, sentinel, tag)
                : new TableTransactionAction(TableTransactionActionType.Add, sentinel);
            faults.BeforeWrite(writePoint);
            etag = await SubmitGuardedAsync(batches[^1], last, cancellationToken).ConfigureAwait(false);
            return new HistoryState(etag, executionId, count, expected.Sequence + 1);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            // 412: another worker moved the sentinel on; 409: another created it; 404: the instance was purged.
            throw new CheckpointConflictException(instanceId);
        }
        catch (RequestFailedException ex)
        {
            throw new DurableStorageException("history.checkpoint", ex);
        }
    }

    /// <summary>Deletes the rows of executions other than <paramref name="currentExecutionId"/> (after <c>ContinueAsNew</c>).</summary>
    public Task DeleteStaleRowsAsync(string instanceId, string currentExecutionId, CancellationToken cancellationToken) =>
        DeleteRowsAsync(instanceId, r => r.RowKey != SentinelKey && r.GetString("ExecutionId") != currentExecutionId, "history.compact", cancellationToken);

    /// <summary>Deletes the whole partition (purge), sentinel last so a crash leaves nothing that looks live.</summary>
    public Task DeleteAllAsync(string instanceId, CancellationToken cancellationToken) =>
        DeleteRowsAsync(instanceId, _ => true, "purge.history", cancellationToken);

    /// <summary>Forgets the history (an instance id reused after it finished): the old rows are ignored from now on.</summary>
    public async Task ResetAsync(string instanceId, CancellationToken cancellationToken)
    {
        faults.BeforeWrite("create.reset-history");
        try
        {
            await table.DeleteEntityAsync(KeySanitizer.Escape(instanceId), SentinelKey, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }
        catch (RequestFailedException ex)
        {
            throw new DurableStorageException("history.reset", ex);
        }
    }

    private async Task DeleteRowsAsync(string instanceId, Func<TableEntity, bool> predicate, string operation, CancellationToken cancellationToken)
    {
        try
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {KeySanitizer.Escape(instanceId)}");
            var doomed = new List<TableEntity>();
            await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", "ExecutionId"], cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (predicate(row))
                {
                    doomed.Add(row);
                }
            }

            var ordered = doomed.OrderBy(r => r.RowKey == SentinelKey ? 1 : 0).ToList();
            foreach (var chunk in ordered.Chunk(MaxBatchOperations))
            {
                faults.BeforeWrite(operation);
                await table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Someone else deleted rows first; what remains is removed on the next attempt.
        }
        catch (RequestFailedException ex)
        {
            throw new DurableStorageException(operation, ex);
        }
    }

    private async Task<TableEntity> ToRowAsync(string instanceId, string partition, string executionId, HistoryEvent historyEvent, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(historyEvent);
        var row = new TableEntity(partition, RowKey(executionId, historyEvent.EventId))
        {
            ["ExecutionId"] = executionId,
            ["EventId"] = historyEvent.EventId,
            ["EventType"] = historyEvent.GetType().Name,
        };
        var blob = await payloads.OffloadIfLargeAsync(instanceId, $"history/{executionId}-{historyEvent.EventId}", json, cancellationToken).ConfigureAwait(false);
        row[blob is null ? "Event" : "EventBlob"] = blob ?? json;
        return row;
    }

    private async Task<HistoryEvent> ReadEventAsync(TableEntity row, CancellationToken cancellationToken)
    {
        var json = row.GetString("EventBlob") is { } blob ? await payloads.DownloadAsync(blob, cancellationToken).ConfigureAwait(false) : row.GetString("Event");
        return JsonSerializer.Deserialize<HistoryEvent>(json) ?? throw new InvalidDataException($"History row {row.PartitionKey}/{row.RowKey} is empty.");
    }

    private async Task<ETag> SubmitGuardedAsync(List<TableEntity> rows, TableTransactionAction sentinel, CancellationToken cancellationToken)
    {
        var actions = rows.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)).Append(sentinel);
        var response = await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        return response.Value[^1].Headers.ETag ?? throw new InvalidDataException($"The history transaction of {sentinel.Entity.PartitionKey} returned no sentinel ETag.");
    }

    private static TableEntity Sentinel(string partition, string? executionId, int count, long sequence) => new(partition, SentinelKey)
    {
        ["ExecutionId"] = executionId,
        ["EventCount"] = count,
        ["Sequence"] = sequence,
    };

    private static List<List<TableEntity>> Chunk(List<TableEntity> rows)
    {
        var batches = new List<List<TableEntity>> { new() };
        var chars = 0;
        foreach (var row in rows)
        {
            var size = (row.GetString("Event")?.Length ?? 0) + 200;
            // Every batch also carries the sentinel, so each leaves room for one more operation.
            if (batches[^1].Count == MaxBatchOperations - 1 || chars + size > MaxBatchChars)
            {
                batches.Add([]);
                chars = 0;
            }

            batches[^1].Add(row);
            chars += size;
        }

        return batches;
    }

    private static string RowKey(string executionId, int eventId) => $"{executionId}-{eventId.ToString("D8", CultureInfo.InvariantCulture)}";

    private static HistoryState ToState(TableEntity sentinel) =>
        new(sentinel.ETag, sentinel.GetString("ExecutionId"), sentinel.GetInt32("EventCount") ?? 0, sentinel.GetInt64("Sequence") ?? 0);
}
