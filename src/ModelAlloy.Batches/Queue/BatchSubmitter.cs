using System.Text.Json;
using Azure.Storage.Queues;
using ModelAlloy.Batches.Items;
using ModelAlloy.Batches.Results;

namespace ModelAlloy.Batches.Queue;

/// <summary>
/// Puts a batch on <c>alloy-batch</c> for the Functions app: one message per item, or the items uploaded as one JSONL
/// blob and one message naming it; then a summary request (the app answers it once every run has ended). Messages
/// are base64-encoded, as the Functions queue trigger reads them. Sending the same batch again starts nothing twice.
/// </summary>
/// <param name="queues">The queue service.</param>
/// <param name="store">The batch blobs.</param>
public sealed class BatchSubmitter(QueueServiceClient queues, BatchBlobStore store)
{
    /// <summary>Submits a batch.</summary>
    /// <param name="batchId">The batch id.</param>
    /// <param name="pipeline">The pipeline.</param>
    /// <param name="items">The items.</param>
    /// <param name="asBlob">True to upload one JSONL blob and send one message naming it.</param>
    /// <param name="cancellationToken">Cancels the submission.</param>
    /// <returns>How many messages were sent.</returns>
    public async Task<int> SubmitAsync(string batchId, string pipeline, IReadOnlyList<BatchItem> items, bool asBlob, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        QueueClient queue = queues.GetQueueClient(BatchQueueNames.Queue);
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        int sent = 0;
        if (asBlob)
        {
            string blob = await store.UploadItemsAsync(batchId, items, cancellationToken).ConfigureAwait(false);
            await SendAsync(queue, new BatchMessage { BatchId = batchId, Pipeline = pipeline, Blob = blob }, cancellationToken).ConfigureAwait(false);
            sent++;
        }
        else
        {
            foreach (BatchItem item in items)
            {
                await SendAsync(queue, new BatchMessage { BatchId = batchId, Pipeline = pipeline, Item = item }, cancellationToken).ConfigureAwait(false);
                sent++;
            }
        }

        await SendAsync(queue, new BatchMessage { BatchId = batchId, Pipeline = pipeline, Summarize = true }, cancellationToken).ConfigureAwait(false);
        return sent + 1;
    }

    /// <summary>Sends one message.</summary>
    /// <param name="queue">The queue.</param>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <param name="delay">How long it stays invisible.</param>
    /// <returns>A task.</returns>
    public static Task SendAsync(QueueClient queue, BatchMessage message, CancellationToken cancellationToken, TimeSpan? delay = null)
    {
        ArgumentNullException.ThrowIfNull(queue);
        return queue.SendMessageAsync(BinaryData.FromString(Serialize(message)), delay, timeToLive: null, cancellationToken);
    }

    /// <summary>Serializes a message in the queue's shape (no <c>item</c>/<c>blob</c>/<c>summarize</c> when not used).</summary>
    /// <param name="message">The message.</param>
    /// <returns>The JSON.</returns>
    public static string Serialize(BatchMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return JsonSerializer.Serialize(new
        {
            batchId = message.BatchId,
            pipeline = message.Pipeline,
            item = message.Item is { } i ? new { id = i.Id, input = i.Input } : null,
            blob = message.Blob,
            summarize = message.Summarize ? true : (bool?)null,
        }, BatchJson.Options);
    }
}
