using System.Collections.Concurrent;
using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ModelAlloy.Durable.Backend;

namespace ModelAlloy.Durable.AzureStorage;

/// <summary>
/// The engine's backend on Azure Storage: history and instance status in Tables, work on Queues, large payloads in
/// Blobs, all named after one task hub. Commits run in a crash-safe order (outbound messages, ETag-guarded history
/// checkpoint, ETag-guarded status, then consumed messages). In poll mode control queues are partitioned and leased
/// to workers, so a worker can trust its cached sessions without reading storage; in single-message mode (Azure
/// Functions queue triggers) any process may get any message and the ETags alone keep histories consistent.
/// </summary>
public sealed partial class AzureStorageOrchestrationBackend : IOrchestrationBackend, IAsyncDisposable, ILocalDelivery
{
    private readonly AzureStorageBackendOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TaskHubStorage _storage;
    private readonly PayloadStore _payloads;
    private readonly HistoryStore _history;
    private readonly InstanceStore _instances;
    private readonly PoisonStore _poison;
    private readonly MessageSender _sender;
    private readonly InstanceInbox _inbox = new();
    private readonly ActivityQueuePump _activityPump;
    private readonly ResultBatcher _results;
    private readonly InstanceAnchors _anchors;
    private readonly ConcurrentDictionary<string, KnownInstance> _known = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _lastErrors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, (ControlQueuePump Pump, CancellationTokenSource Stop)> _pumps = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _startGate = new();
    private Task? _running;
    private int _disposed;

    /// <summary>Creates the backend; storage resources are created on first use.</summary>
    public AzureStorageOrchestrationBackend(AzureStorageBackendOptions options, TimeProvider? time = null, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        AzureStorageBackendOptionsValidator.ThrowIfInvalid(options);
        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = (loggers ?? NullLoggerFactory.Instance).CreateLogger("ModelAlloy.Durable.AzureStorage");
        _storage = new TaskHubStorage(options);
        _payloads = new PayloadStore(_storage.Payloads, options.MaxInlineChars, options.Faults);
        _history = new HistoryStore(_storage.History, _payloads, options.Faults);
        _instances = new InstanceStore(_storage.Instances, _payloads, options.Faults, _time);
        _poison = new PoisonStore(_storage.Poison, options.Faults, _logger);
        _sender = new MessageSender(_storage, _payloads, options, _time, this);
        _activityPump = new ActivityQueuePump(_storage, _sender, _poison, options, _logger);
        _results = new ResultBatcher(_sender, _activityPump.UnfinishedFor, TimeSpan.FromMilliseconds(20));
        _anchors = new InstanceAnchors(options.ControlMessageVisibility, _logger);
    }

    /// <summary>The options in force.</summary>
    public AzureStorageBackendOptions Options => _options;

    /// <summary>Storage requests made by this backend so far.</summary>
    public StorageRequestCounter RequestCounter => _options.RequestCounter;

    internal TaskHubStorage Storage => _storage;

    internal PoisonStore Poison => _poison;

    internal InstanceStore Instances => _instances;

    /// <summary>Control messages received and not yet consumed (tests wait on it).</summary>
    internal int BufferedControlMessages => _inbox.BufferedCount;

    /// <summary>Test hook emulating a queue trigger: receipts of raw messages handed out, so settling deletes them as the Functions host would.</summary>
    internal ConcurrentDictionary<string, ConcurrentQueue<ReceivedMessage>> TriggerReceipts { get; } = new(StringComparer.Ordinal);

    /// <summary>Creates the task hub's tables, queues and containers (idempotent).</summary>
    public Task CreateIfNotExistsAsync() => _storage.EnsureCreatedAsync();

    /// <summary>Deletes every table, queue and container of the task hub.</summary>
    public Task DeleteTaskHubAsync(CancellationToken cancellationToken = default) => _storage.DeleteAllAsync(cancellationToken);

    /// <summary>Stops polling and releases this worker's partition leases.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var (_, stop) in _pumps.Values)
        {
            await stop.CancelAsync().ConfigureAwait(false);
        }

        if (_running is { } running)
        {
            try
            {
                await running.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        _stopping.Dispose();
    }

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    /// <summary>Starts lease management and the activity pump on the first poll.</summary>
    private async Task EnsureStartedAsync()
    {
        await _storage.EnsureCreatedAsync().ConfigureAwait(false);
        lock (_startGate)
        {
            if (_running is not null || _options.ExternalDelivery)
            {
                return;
            }

            var partitions = new PartitionManager(_storage, _options, _logger, OnPartitionAcquired, OnPartitionLost);
            _running = Task.WhenAll(
                Task.Run(() => partitions.RunAsync(_stopping.Token)),
                Task.Run(() => _activityPump.RunAsync(_stopping.Token)),
                Task.Run(() => _anchors.RenewLoopAsync(_stopping.Token)));
        }
    }

    private void OnPartitionAcquired(int partition)
    {
        ForgetPartition(partition);
        var pump = new ControlQueuePump(partition, _storage, _inbox, _sender, _poison, _options, _logger);
        var stop = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        _pumps[partition] = (pump, stop);
        _ = Task.Run(() => pump.RunAsync(stop.Token));
    }

    private void OnPartitionLost(int partition)
    {
        if (_pumps.TryRemove(partition, out var entry))
        {
            entry.Stop.Cancel();
        }

        foreach (var dropped in _inbox.DropPartition(id => _sender.PartitionOf(id) == partition))
        {
            if (dropped.LocalResultOf is not null)
            {
                _ = MakeLocalResultDurableAsync(dropped); // its new owner must get it through the queue
            }
            else if (dropped.OwnedByBackend && !_anchors.Absorb(dropped))
            {
                _ = HandOverAsync(dropped);
            }
        }

        ForgetPartition(partition);
    }

    /// <summary>
    /// Makes a held message of a partition this worker gave up visible at once, so its new owner need not wait for
    /// the visibility timeout (up to <see cref="AzureStorageBackendOptions.ControlMessageVisibility"/>).
    /// </summary>
    private async Task HandOverAsync(ReceivedMessage message)
    {
        try
        {
            await message.Queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or OperationCanceledException)
        {
            // Consumed meanwhile, or storage is down: it comes back when its visibility runs out.
            Logs.HandOverFailed(_logger, message.Queue.Name, message.MessageId, ex.Message);
        }
    }

    private void ForgetPartition(int partition)
    {
        foreach (var id in _known.Keys)
        {
            if (_sender.PartitionOf(id) == partition)
            {
                _known.TryRemove(id, out _);
            }
        }
    }

    TimeSpan? ILocalDelivery.TryHold(MessageEnvelope envelope, int? partition)
    {
        if (_options.ExternalDelivery || _running is null)
        {
            return null;
        }

        return partition is { } p
            ? _pumps.ContainsKey(p) ? _options.ControlMessageVisibility : null
            : _activityPump.IdleSlots > 0 ? _options.ActivityMessageVisibility : null;
    }

    void ILocalDelivery.Deliver(ReceivedMessage message, int? partition)
    {
        if (partition is null)
        {
            _activityPump.Offer(message);
        }
        else
        {
            _inbox.Add(message);
        }
    }

    void ILocalDelivery.Wake(int? partition) => Wake(partition);

    private void Wake(int? partition)
    {
        if (partition is null)
        {
            _activityPump.Backoff.Wake();
        }
        else if (_pumps.TryGetValue(partition.Value, out var entry))
        {
            entry.Pump.Backoff.Wake();
        }
    }
}
