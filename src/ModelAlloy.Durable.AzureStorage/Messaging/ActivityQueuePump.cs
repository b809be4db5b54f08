using System.Collections.Concurrent;
using System.Threading.Channels;
using Azure;
using Microsoft.Extensions.Logging;

namespace ModelAlloy.Durable.AzureStorage;

/// <summary>
/// Receives activity packs from the work-item queue, only as many messages as there are idle activity slots (a
/// prefetched message is invisible to other workers, so prefetching more would starve them), keeps received packs
/// invisible by renewing them at half their visibility timeout, and counts unfinished requests per instance so
/// results can be batched.
/// </summary>
internal sealed class ActivityQueuePump(TaskHubStorage storage, MessageSender sender, PoisonStore poison, AzureStorageBackendOptions options, ILogger logger)
{
    private readonly Channel<PackedActivity> _ready = Channel.CreateUnbounded<PackedActivity>();
    private readonly ConcurrentDictionary<ActivityPack, DateTime> _held = new();
    private readonly ConcurrentDictionary<string, int> _unfinished = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _demandSignal = new(0);
    private int _waiting;

    public PollBackoff Backoff { get; } = new(options.MaxPollingInterval);

    /// <summary>Activity slots waiting for work beyond the requests already here for them.</summary>
    public int IdleSlots => Math.Max(0, Volatile.Read(ref _waiting) - _ready.Reader.Count);

    /// <summary>Requests of an instance received here and not yet finished.</summary>
    public int UnfinishedFor(string instanceId) => _unfinished.TryGetValue(instanceId, out var n) ? n : 0;

    /// <summary>Takes a received (or locally sent) pack and queues its requests for the activity slots.</summary>
    public void Offer(ReceivedMessage message)
    {
        var pack = new ActivityPack(message);
        if (message.OwnedByBackend)
        {
            _held[pack] = DateTime.UtcNow; // (a pack run under an anchor has no message to keep invisible)
        }

        _unfinished.AddOrUpdate(message.Envelope.InstanceId, pack.Requests.Count, (_, n) => n + pack.Requests.Count);
        foreach (var request in pack.Requests)
        {
            _ready.Writer.TryWrite(new PackedActivity(pack, request));
        }
    }

    /// <summary>A request ran (its result is about to be sent): it no longer holds its instance's result batch open.</summary>
    public void Finish(PackedActivity activity) =>
        _unfinished.AddOrUpdate(activity.Request.InstanceId, 0, (_, n) => Math.Max(0, n - 1));

    /// <summary>A request is settled (result durable, or handed back); true when its pack is done and the message can go.</summary>
    public bool Release(PackedActivity activity)
    {
        if (!activity.Pack.MarkDone())
        {
            return false;
        }

        _held.TryRemove(activity.Pack, out _);
        return true;
    }

    /// <summary>Stops renewing a pack whose result could not be sent: its message reappears and the request runs again.</summary>
    public void Untrack(PackedActivity activity) => _held.TryRemove(activity.Pack, out _);

    /// <summary>Waits up to <paramref name="wait"/> for a request; null when none came.</summary>
    public async Task<PackedActivity?> TakeAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        if (_ready.Reader.TryRead(out var ready))
        {
            return ready;
        }

        Interlocked.Increment(ref _waiting);
        _demandSignal.Release();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(wait);
            return await _ready.Reader.ReadAsync(timeout.Token).ConfigureAwait(false);
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

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var renewals = RenewLoopAsync(cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var demand = IdleSlots;
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
                    try
                    {
                        var envelope = await sender.ReadAsync(raw.MessageText, cancellationToken).ConfigureAwait(false);
                        Offer(new ReceivedMessage(storage.WorkItems, raw.MessageId, raw.PopReceipt, raw.DequeueCount, envelope));
                    }
                    catch (FormatException ex)
                    {
                        await poison.MoveUndecodableAsync(storage.WorkItems, raw, ex.Message, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                Logs.QueueReceiveFailed(logger, storage.WorkItems.Name, ex.Message);
                await Task.Delay(500, CancellationToken.None).ConfigureAwait(false);
            }
        }

        await renewals.ConfigureAwait(false);
    }

    private async Task RenewLoopAsync(CancellationToken cancellationToken)
    {
        var half = options.ActivityMessageVisibility / 2;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromTicks(Math.Max(half.Ticks / 4, TimeSpan.FromMilliseconds(100).Ticks)), cancellationToken).ConfigureAwait(false);
                foreach (var (pack, since) in _held.ToArray())
                {
                    if (DateTime.UtcNow - since >= half)
                    {
                        var message = pack.Message;
                        var updated = await message.Queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: options.ActivityMessageVisibility, cancellationToken: cancellationToken).ConfigureAwait(false);
                        message.PopReceipt = updated.Value.PopReceipt;
                        _held.TryUpdate(pack, DateTime.UtcNow, since);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // A storage outage (or a pack settled meanwhile): try again next round; the loop must not die.
                Logs.QueueReceiveFailed(logger, storage.WorkItems.Name, ex.Message);
            }
        }
    }
}
