using Azure;
using Microsoft.Extensions.Logging;

namespace ModelAlloy.Durable.AzureStorage;

/// <summary>
/// Receives one partition's control queue while this process owns the partition: batches of up to 32 messages go
/// into the <see cref="InstanceInbox"/>; early (chained) timers are sent on; undecodable messages go to poison.
/// </summary>
internal sealed class ControlQueuePump(
    int partition,
    TaskHubStorage storage,
    InstanceInbox inbox,
    MessageSender sender,
    PoisonStore poison,
    AzureStorageBackendOptions options,
    ILogger logger)
{
    private const int MaxBufferedMessages = 4000;

    public PollBackoff Backoff { get; } = new(options.MaxPollingInterval);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var queue = storage.ControlQueues[partition];
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (inbox.BufferedCount > MaxBufferedMessages)
                {
                    await Task.Delay(20, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var received = await queue.ReceiveMessagesAsync(32, options.ControlMessageVisibility, cancellationToken).ConfigureAwait(false);
                if (received.Value.Length == 0)
                {
                    await Backoff.WaitAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }

                Backoff.Reset();
                await Task.WhenAll(received.Value.Select(m => AcceptAsync(m, cancellationToken))).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                Logs.QueueReceiveFailed(logger, queue.Name, ex.Message);
                await DelayQuietlyAsync(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task AcceptAsync(Azure.Storage.Queues.Models.QueueMessage raw, CancellationToken cancellationToken)
    {
        var queue = storage.ControlQueues[partition];
        MessageEnvelope envelope;
        try
        {
            envelope = await sender.ReadAsync(raw.MessageText, cancellationToken).ConfigureAwait(false);
        }
        catch (FormatException ex)
        {
            await poison.MoveUndecodableAsync(queue, raw, ex.Message, cancellationToken).ConfigureAwait(false);
            return;
        }

        var received = new ReceivedMessage(queue, raw.MessageId, raw.PopReceipt, raw.DequeueCount, envelope);
        var early = sender.EarlyBy(envelope);
        if (early > options.ControlMessageVisibility / 2)
        {
            // A timer longer than one message's maximum delay: send the rest of the wait on, then drop this hop.
            await sender.SendAsync(envelope with { PayloadBlob = null }, "timer.chain", cancellationToken).ConfigureAwait(false);
            await queue.DeleteMessageAsync(raw.MessageId, raw.PopReceipt, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (early > TimeSpan.Zero)
        {
            // Early by less than its invisibility lasts (clock skew): hold it here until it is due.
            // (A little extra: timers may complete a hair before the wall clock says the time has come.)
            _ = Task.Delay(early + TimeSpan.FromMilliseconds(20), cancellationToken).ContinueWith(_ => inbox.Add(received), TaskScheduler.Default);
            return;
        }

        inbox.Add(received);
    }

    private static async Task DelayQuietlyAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
