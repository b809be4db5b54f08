using Azure.Storage.Queues;
using ModelAlloy.Durable.Backend;

namespace ModelAlloy.Durable.AzureStorage;

public sealed partial class AzureStorageOrchestrationBackend
{
    /// <summary>How long a single-message handler waits for another handler in this process to release the instance.</summary>
    private static readonly TimeSpan TriggerLockLimit = TimeSpan.FromSeconds(30);

    /// <inheritdoc/>
    /// <remarks>
    /// The text is what an Azure Functions queue trigger binds to a string (the base64 body already decoded). The
    /// message may reach any process: no partition is owned, so the history version is read from storage each time
    /// (one point read) and the sentinel's ETag is what keeps two processes from both committing.
    /// </remarks>
    public async Task<WorkItem?> LockWorkItemForMessageAsync(string rawMessage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rawMessage);
        await _storage.EnsureCreatedAsync().ConfigureAwait(false);
        var received = await AcceptTriggerMessageAsync(rawMessage, cancellationToken).ConfigureAwait(false);
        if (received is null)
        {
            return null;
        }

        if (received.Envelope.IsActivity)
        {
            // In this mode activities are never packed: one message, one request.
            return await ToActivityWorkItemAsync(new PackedActivity(new ActivityPack(received), received.Envelope.Activities![0]), cancellationToken).ConfigureAwait(false);
        }

        var early = _sender.EarlyBy(received.Envelope);
        if (early > TimeSpan.Zero && early < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(early + TimeSpan.FromMilliseconds(20), cancellationToken).ConfigureAwait(false); // clock skew: cheaper to wait than to re-send
        }
        else if (early > TimeSpan.Zero)
        {
            await _sender.SendAsync(received.Envelope with { PayloadBlob = null }, "timer.chain", cancellationToken).ConfigureAwait(false);
            await SettleAsync([received], cancellationToken).ConfigureAwait(false);
            return null;
        }

        var id = received.Envelope.InstanceId;
        var batch = await _inbox.AddAndLockAsync(received, TriggerLockLimit, cancellationToken).ConfigureAwait(false);
        if (batch.Count == 0)
        {
            // An earlier handler consumed this message in its batch and has committed it.
            _inbox.Release(id, []);
            await SettleAsync([received], cancellationToken).ConfigureAwait(false);
            return null;
        }

        try
        {
            return await BuildWorkItemAsync(id, batch, external: true, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await ReleaseForRetryAsync(id, batch, null).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<ReceivedMessage?> AcceptTriggerMessageAsync(string rawMessage, CancellationToken cancellationToken)
    {
        var receipt = TriggerReceipts.TryGetValue(rawMessage, out var receipts) && receipts.TryDequeue(out var r) ? r : null;
        MessageEnvelope envelope;
        try
        {
            envelope = await _sender.ReadAsync(rawMessage, cancellationToken).ConfigureAwait(false);
        }
        catch (FormatException ex)
        {
            await _poison.RecordAsync("(undecodable)", receipt?.Queue ?? _storage.WorkItems, receipt?.MessageId ?? "trigger", rawMessage, 1, ex.Message, cancellationToken).ConfigureAwait(false);
            if (receipt is not null)
            {
                await SettleAsync([receipt], cancellationToken).ConfigureAwait(false);
            }

            return null;
        }

        QueueClient queue = envelope.IsActivity ? _storage.WorkItems : _sender.ControlQueueFor(envelope.InstanceId);
        return new ReceivedMessage(receipt?.Queue ?? queue, receipt?.MessageId ?? envelope.Id, receipt?.PopReceipt ?? "", receipt?.DequeueCount ?? 1, envelope)
        {
            FromTrigger = true,
        };
    }
}
