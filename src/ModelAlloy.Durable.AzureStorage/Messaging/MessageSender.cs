using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using ModelAlloy.Durable.Backend;

namespace ModelAlloy.Durable.AzureStorage;

/// <summary>
/// Sends envelopes: orchestration messages to the instance's control queue (its partition), activity requests to
/// the work-item queue. Timers become a visibility delay, capped at <see cref="AzureStorageBackendOptions.MaxMessageDelay"/>
/// (the service allows 7 days); the receiver re-sends a message that is still early, chaining longer timers.
/// Bodies too large for a queue message go to a blob.
/// </summary>
internal sealed class MessageSender(
    TaskHubStorage storage, PayloadStore payloads, AzureStorageBackendOptions options, TimeProvider time, ILocalDelivery local)
{
    public int PartitionOf(string instanceId) => PartitionHash.Of(instanceId, options.PartitionCount);

    public QueueClient ControlQueueFor(string instanceId) => storage.ControlQueues[PartitionOf(instanceId)];

    public async Task SendAsync(MessageEnvelope envelope, string writePoint, CancellationToken cancellationToken)
    {
        var text = envelope.Serialize();
        // Base64 inflates by 4/3 and a queue message holds 64 KiB; MaxInlineChars (at most 30,000) stays below that.
        if (payloads.IsLarge(text))
        {
            var blob = await payloads.OffloadIfLargeAsync(envelope.InstanceId, $"messages/{Guid.NewGuid():N}", text, cancellationToken).ConfigureAwait(false);
            text = new MessageEnvelope { InstanceId = envelope.InstanceId, PayloadBlob = blob, TraceId = envelope.TraceId, Resends = envelope.Resends }.Serialize();
        }

        var partition = envelope.IsActivity ? (int?)null : PartitionOf(envelope.InstanceId);
        var queue = partition is { } p ? storage.ControlQueues[p] : storage.WorkItems;
        var delay = DelayOf(envelope);
        // Work this process will run itself is sent invisible and handed over in memory: durable (the queue has it,
        // and it reappears if we crash) but without a receive round trip on the critical path.
        var hold = delay is null ? local.TryHold(envelope, partition) : null;
        options.Faults.BeforeWrite(writePoint);
        SendReceipt receipt;
        try
        {
            receipt = await queue.SendMessageAsync(text, hold ?? delay, TimeSpan.FromSeconds(-1), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex)
        {
            throw new DurableStorageException(writePoint, ex);
        }

        if (hold is not null)
        {
            local.Deliver(new ReceivedMessage(queue, receipt.MessageId, receipt.PopReceipt, 0, envelope), partition);
        }
        else if (delay is null)
        {
            local.Wake(partition);
        }
    }

    /// <summary>Reads an envelope, fetching its body from a blob when it was offloaded.</summary>
    /// <exception cref="FormatException">
    /// The text is not an envelope, or its body's blob is gone (the instance was purged, or the blob deleted by hand):
    /// either way retrying cannot help, and every receiver moves such a message to the poison table.
    /// </exception>
    public async Task<MessageEnvelope> ReadAsync(string text, CancellationToken cancellationToken)
    {
        var envelope = MessageEnvelope.Parse(text);
        if (envelope.PayloadBlob is not { } blob)
        {
            return envelope;
        }

        string stored;
        try
        {
            stored = await payloads.DownloadAsync(blob, cancellationToken).ConfigureAwait(false);
        }
        catch (DurableStorageException ex) when (ex.Status == 404)
        {
            throw new FormatException($"Its payload blob is missing (the instance was purged, or the blob was deleted): {ex.Message}", ex);
        }

        var body = MessageEnvelope.Parse(stored);
        return body with { Resends = envelope.Resends, PayloadBlob = blob };
    }

    /// <summary>How long before its due time a timer message arrived (a chained long timer, or clock skew); zero when due.</summary>
    public TimeSpan EarlyBy(MessageEnvelope envelope) =>
        envelope.Messages?.Max(m => m.VisibleAt) is { } due && due > time.GetUtcNow().UtcDateTime ? due - time.GetUtcNow().UtcDateTime : TimeSpan.Zero;

    private TimeSpan? DelayOf(MessageEnvelope envelope)
    {
        if (envelope.Message?.VisibleAt is not { } due)
        {
            return null;
        }

        // The service counts visibility in whole seconds: round up, so a timer is never delivered early.
        var delay = due - time.GetUtcNow().UtcDateTime;
        var seconds = TimeSpan.FromSeconds(Math.Ceiling(delay.TotalSeconds));
        return delay <= TimeSpan.Zero ? null : seconds > options.MaxMessageDelay ? options.MaxMessageDelay : seconds;
    }
}
