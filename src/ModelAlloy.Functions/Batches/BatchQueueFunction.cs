using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using ModelAlloy.Batches.Queue;
using ModelAlloy.Hosting;
using ModelAlloy.Pipelines.Definitions;

namespace ModelAlloy.Functions.Batches;

/// <summary>
/// The <c>alloy-batch</c> trigger (one message is one item, a JSONL blob of items, or a summary request; see
/// <see cref="BatchMessage"/>): items start pipeline runs under instance ids derived from (batch id, item id), so a
/// redelivered message or a resubmitted batch starts nothing twice; a blob's items start at most
/// <see cref="BlobStartConcurrency"/> at a time, on top of host.json's queue <c>batchSize</c>; a summary request
/// rewrites <c>alloy-batches/{batch}/results.jsonl</c> and <c>summary.json</c> from the instances' states and queues
/// itself again while runs are unfinished. A malformed message is moved to <c>alloy-batch-poison</c> with the reason
/// at once (not retried <c>maxDequeueCount</c> times) and the invocation succeeds, so it never blocks the queue.
/// </summary>
/// <param name="storage">The app's storage account (<c>AzureWebJobsStorage</c>): the queues and the batch blobs.</param>
/// <param name="pipelines">The pipeline definitions (each message's pipeline is read once and handed to its runs).</param>
/// <param name="logger">The logger.</param>
public sealed class BatchQueueFunction(StorageConnection storage, PipelineLibrary pipelines, ILogger<BatchQueueFunction> logger)
{
    /// <summary>The function's name.</summary>
    public const string Name = "Batch_QueueStart";

    /// <summary>How many of a blob's items start at once.</summary>
    public const int BlobStartConcurrency = 16;

    private readonly BatchQueueProcessor _processor = new(
        new BatchBlobStore(storage.CreateBlobServiceClient()),
        storage.CreateQueueServiceClient(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }),
        pipelines,
        BlobStartConcurrency);

    /// <summary>Handles one batch message.</summary>
    /// <param name="message">The message.</param>
    /// <param name="client">The Durable Task client.</param>
    /// <param name="context">The invocation.</param>
    /// <returns>A task that completes when the message is handled.</returns>
    [Function(Name)]
    public async Task StartAsync(
        [QueueTrigger(BatchQueueNames.Queue)] QueueMessage message,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(context);
        BatchMessageOutcome outcome = await _processor.ProcessAsync(client, message.MessageId, message.Body?.ToString(), context.CancellationToken).ConfigureAwait(false);
        if (outcome.Poisoned is { } reason)
        {
            Logs.BatchMessagePoisoned(logger, message.MessageId, message.DequeueCount, BatchQueueNames.Poison, reason);
        }
        else
        {
            Logs.BatchMessageHandled(logger, message.MessageId, message.DequeueCount, outcome.Started, outcome.Existing, outcome.Unfinished);
        }
    }
}
