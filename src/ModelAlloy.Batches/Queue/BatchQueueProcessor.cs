using System.Diagnostics;
using System.Text.Json;
using Azure;
using Azure.Storage.Queues;
using ModelAlloy.Batches.Items;
using ModelAlloy.Batches.Results;
using ModelAlloy.Batches.Runs;
using ModelAlloy.Evaluation.Datasets;
using ModelAlloy.Pipelines.Definitions;
using ModelAlloy.Pipelines.Orchestration;
using ModelAlloy.Pipelines.Validation;

namespace ModelAlloy.Batches.Queue;

/// <summary>
/// Handles <c>alloy-batch</c> messages for the Functions app. An item message starts its run under the derived
/// instance id (<see cref="BatchInstanceId"/>; a redelivery finds it and starts nothing) and records it in the batch's
/// blobs; a blob message does that for every line, at most <c>concurrency</c> starts at a time. A summary request reads
/// every recorded run's state and rewrites <c>results.jsonl</c> and <c>summary.json</c> whole, a pure function of the
/// instances, so redelivered or duplicated requests write the same thing; while runs are unfinished it writes what is
/// known and queues another request after <c>summaryDelay</c>. A malformed message (bad JSON, missing fields, an
/// unreadable or invalid blob, a pipeline that is unknown or invalid) is moved to <c>alloy-batch-poison</c> with the
/// reason, never retried, never blocking. The pipeline's definition is read once per message and handed to its runs.
/// </summary>
/// <param name="store">The batch blobs.</param>
/// <param name="queues">The queue service (base64 messages, as the Functions trigger reads them).</param>
/// <param name="pipelines">The pipeline definitions.</param>
/// <param name="concurrency">How many starts a blob message makes at once.</param>
/// <param name="summaryDelay">How long until an unfinished batch's summary is tried again.</param>
public sealed class BatchQueueProcessor(BatchBlobStore store, QueueServiceClient queues, PipelineLibrary pipelines, int concurrency = 16, TimeSpan? summaryDelay = null)
{
    private readonly TimeSpan _summaryDelay = summaryDelay ?? TimeSpan.FromSeconds(15);

    /// <summary>Handles one message.</summary>
    /// <param name="client">The durable client.</param>
    /// <param name="messageId">The message id (for the poison record).</param>
    /// <param name="text">The message text.</param>
    /// <param name="cancellationToken">Cancels the handling (the message is then retried by the host).</param>
    /// <returns>What it did.</returns>
    public async Task<BatchMessageOutcome> ProcessAsync(DurableTaskClient client, string messageId, string? text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (!BatchMessageReader.TryRead(text, out BatchMessage? message, out string? reason))
        {
            return await PoisonAsync(messageId, text, reason!, cancellationToken).ConfigureAwait(false);
        }

        if (message!.Summarize)
        {
            return await SummarizeAsync(client, message, cancellationToken).ConfigureAwait(false);
        }

        IReadOnlyList<BatchItem> items;
        if (message.Item is { } item)
        {
            items = [item];
        }
        else
        {
            try
            {
                items = await store.ReadItemsAsync(message.Blob!, cancellationToken).ConfigureAwait(false);
            }
            catch (DatasetFormatException ex)
            {
                return await PoisonAsync(messageId, text, $"blob '{message.Blob}': {ex.Message}", cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 400)
            {
                return await PoisonAsync(messageId, text, $"blob '{message.Blob}' cannot be read ({ex.Status} {ex.ErrorCode}); upload it first or fix the path", cancellationToken).ConfigureAwait(false);
            }
        }

        PipelineSnapshot definition;
        try
        {
            definition = await pipelines.GetSnapshotAsync(message.Pipeline, cancellationToken).ConfigureAwait(false);
        }
        catch (PipelineDefinitionException ex)
        {
            string errors = ex.Errors.Count == 0 ? string.Empty : ": " + string.Join("; ", ex.Errors);
            return await PoisonAsync(messageId, text, $"{ex.Message}{errors}; fix the definition or the message's 'pipeline'", cancellationToken).ConfigureAwait(false);
        }

        int started = 0, existing = 0;
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (batchItem, ct) =>
        {
            string instance = BatchInstanceId.For(message.BatchId, batchItem.Id);
            PipelineRunInput input = PipelineRunInput.For(definition, batchItem.Input);
            bool isNew = (await InstanceStarter.StartOnceAsync(client, PipelineOrchestrator.Name, input, instance, ct).ConfigureAwait(false)).Started;
            await store.RecordRunAsync(message.BatchId, new BatchRunRecord(batchItem.Id, instance), ct).ConfigureAwait(false);
            Interlocked.Increment(ref isNew ? ref started : ref existing);
        }).ConfigureAwait(false);
        return new BatchMessageOutcome(started, existing);
    }

    private async Task<BatchMessageOutcome> SummarizeAsync(DurableTaskClient client, BatchMessage message, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        IReadOnlyList<BatchRunRecord> runs = await store.ListRunsAsync(message.BatchId, cancellationToken).ConfigureAwait(false);
        var results = new List<BatchItemResult>(runs.Count);
        foreach (BatchRunRecord run in runs)
        {
            if (await client.GetInstanceAsync(run.Instance, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false) is { IsCompleted: true } done)
            {
                results.Add(BatchItemResults.From(run.Id, done, skipped: false));
            }
        }

        BatchSummary summary = BatchSummary.Of(message.BatchId, message.Pipeline, runs.Count, results, clock.Elapsed) with { ItemsPerSecond = 0 };
        await store.WriteResultsAsync(summary, results, cancellationToken).ConfigureAwait(false);
        if (summary.Unfinished > 0)
        {
            QueueClient queue = queues.GetQueueClient(BatchQueueNames.Queue);
            await BatchSubmitter.SendAsync(queue, message, cancellationToken, _summaryDelay).ConfigureAwait(false);
        }

        return new BatchMessageOutcome(0, runs.Count, Unfinished: summary.Unfinished);
    }

    private async Task<BatchMessageOutcome> PoisonAsync(string messageId, string? text, string reason, CancellationToken cancellationToken)
    {
        QueueClient poison = queues.GetQueueClient(BatchQueueNames.Poison);
        await poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        string record = JsonSerializer.Serialize(new { messageId, reason, message = text }, BatchJson.Options);
        await poison.SendMessageAsync(BinaryData.FromString(record), cancellationToken: cancellationToken).ConfigureAwait(false);
        return new BatchMessageOutcome(0, 0, Poisoned: reason);
    }
}
