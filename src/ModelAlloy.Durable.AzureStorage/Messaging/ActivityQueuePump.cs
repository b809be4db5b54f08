using System.Collections.Concurrent;
using System.Threading.Channels;
using Azure;
using Microsoft.Extensions.Logging;

namespace ModelAlloy.Durable.AzureStorage;

/// <summary>
/// Receives activity requests from the work-item queue, only as many as there are idle activity slots (a prefetched
/// message is invisible to other workers, so prefetching more would starve them), and keeps running activities'
/// messages invisible by renewing them at half their visibility timeout.
/// </summary>
internal sealed class ActivityQueuePump(TaskHubStorage storage, MessageSender sender, PoisonStore poison, AzureStorageBackendOptions options, ILogger logger)
{
    private readonly Channel<ReceivedMessage> _ready = Channel.CreateUnbounded<ReceivedMessage>();
    private readonly ConcurrentDictionary<ReceivedMessage, DateTime> _running = new();
    private readonly SemaphoreSlim _demandSignal = new(0);
    private int _waiting;

    public PollBackoff Backoff { get; } = new(options.MaxPollingInterval);

    /// <summary>True when more activity slots wait for work than requests are ready for them.</summary>
    public bool HasIdleSlot => Volatile.Read(ref _waiting) > _ready.Reader.Count;

    /// <summary>Hands over a request this process sent invisible for itself.</summary>
    public void Offer(ReceivedMessage message) => _ready.Writer.TryWrite(message);

    /// <summary>Waits up to <paramref name="wait"/> for a request; null when none came.</summary>
    public async Task<ReceivedMessage?> TakeAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        if (_ready.Reader.TryRead(out var ready))
        {
            return Track(ready);
        }

        Interlocked.Increment(ref _waiting);
        _demandSignal.Release();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(wait);
            return Track(await _ready.Reader.ReadAsync(timeout.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    /// <summary>The activity finished (or was abandoned): stop renewing its message.</summary>
    public void Untrack(ReceivedMessage message) => _running.TryRemove(message, out _);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var renewals = RenewLoopAsync(cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var demand = Volatile.Read(ref _waiting) - _ready.Reader.Count;
                if (demand <= 0)
                {
                    await _demandSignal.WaitAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var received = await storage.WorkItems.ReceiveMessagesAsync(Math.Min(32, demand), options.ActivityMessageVisibility, cancellationToken).ConfigureAwait(false);
                if (received.Value.Length == 0)
                {
                    await Backoff.WaitAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }

                Backoff.Reset();
                foreach (var raw in received.Value)
                {
                    MessageEnvelope envelope;
                    try
                    {
                        envelope = await sender.ReadAsync(raw.MessageText, cancellationToken).ConfigureAwait(false);
                    }
                    catch (FormatException ex)
                    {
                        await poison.MoveUndecodableAsync(storage.WorkItems, raw, ex.Message, cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    _ready.Writer.TryWrite(new ReceivedMessage(storage.WorkItems, raw.MessageId, raw.PopReceipt, raw.DequeueCount, envelope));
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is RequestFailedException or DurableStorageException or System.Net.Http.HttpRequestException)
            {
                Logs.QueueReceiveFailed(logger, storage.WorkItems.Name, ex.Message);
                await Task.Delay(500, CancellationToken.None).ConfigureAwait(false);
            }
        }

        await renewals.ConfigureAwait(false);
    }

    private ReceivedMessage Track(ReceivedMessage message)
    {
        _running[message] = DateTime.UtcNow;
        return message;
    }

    private async Task RenewLoopAsync(CancellationToken cancellationToken)
    {
        var half = options.ActivityMessageVisibility / 2;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromTicks(Math.Max(half.Ticks / 4, TimeSpan.FromMilliseconds(100).Ticks)), cancellationToken).ConfigureAwait(false);
                foreach (var (message, since) in _running.ToArray())
                {
                    if (DateTime.UtcNow - since < half)
                    {
                        continue;
                    }

                    var updated = await message.Queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: options.ActivityMessageVisibility, cancellationToken: cancellationToken).ConfigureAwait(false);
                    message.PopReceipt = updated.Value.PopReceipt;
                    _running.TryUpdate(message, DateTime.UtcNow, since);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (RequestFailedException ex)
            {
                Logs.QueueReceiveFailed(logger, storage.WorkItems.Name, ex.Message);
            }
        }
    }
}
