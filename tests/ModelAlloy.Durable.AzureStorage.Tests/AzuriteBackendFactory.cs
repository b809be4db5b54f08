using System.Collections.Concurrent;
using ModelAlloy.Durable.Backend;
using ModelAlloy.Durable.Testing;
using ModelAlloy.Testing.Azurite;

namespace ModelAlloy.Durable.AzureStorage.Tests;

/// <summary>
/// Supplies a fresh task hub on Azurite per test. In single-message mode it plays the Azure Functions queue
/// trigger: receives a message, hands its text over, and lets the backend settle it (delete on success) the way the
/// Functions host would; an unsettled message comes back after its visibility timeout.
/// </summary>
public sealed class AzuriteBackendFactory(AzuriteFixture azurite, Action<AzureStorageBackendOptions>? tune = null) : IBackendFactory
{
    private static readonly TimeSpan TriggerVisibility = TimeSpan.FromSeconds(15);
    private readonly ConcurrentQueue<string> _prefetched = new();
    private readonly SemaphoreSlim _receiving = new(1, 1);

    public static string NewHubName() => "t" + Guid.NewGuid().ToString("N")[..20];

    public static AzureStorageBackendOptions TestOptions(string connectionString, string hub) => new()
    {
        TaskHubName = hub,
        ConnectionString = connectionString,
        PartitionCount = 2,
        MaxPollingInterval = TimeSpan.FromMilliseconds(100),
        ControlMessageVisibility = TimeSpan.FromSeconds(10),
        ActivityMessageVisibility = TimeSpan.FromSeconds(30),
        LeaseDuration = TimeSpan.FromSeconds(15),
        LeaseRenewInterval = TimeSpan.FromSeconds(1),
        RedeliveryDelay = TimeSpan.FromMilliseconds(20),
    };

    public async Task<IOrchestrationBackend> CreateAsync(WriteFaultInjector faults, bool externalDelivery, TimeProvider time, CancellationToken cancellationToken)
    {
        var options = TestOptions(azurite.ConnectionString, NewHubName());
        options.Faults = faults;
        options.ExternalDelivery = externalDelivery;
        tune?.Invoke(options);
        var backend = new AzureStorageOrchestrationBackend(options, time);
        await backend.CreateIfNotExistsAsync();
        return backend;
    }

    public async Task<string?> ReceiveRawMessageAsync(IOrchestrationBackend backend, TimeSpan wait, CancellationToken cancellationToken)
    {
        var azure = (AzureStorageOrchestrationBackend)backend;
        var deadline = DateTime.UtcNow + wait;
        do
        {
            if (_prefetched.TryDequeue(out var text))
            {
                return text;
            }

            // Like the Functions host, fetch a batch (up to 32) per queue and hand messages out one by one.
            await _receiving.WaitAsync(cancellationToken);
            try
            {
                if (_prefetched.IsEmpty)
                {
                    foreach (var queue in azure.Storage.AllQueues)
                    {
                        foreach (var message in (await queue.ReceiveMessagesAsync(16, TriggerVisibility, cancellationToken)).Value)
                        {
                            var envelope = MessageEnvelope.Parse(message.MessageText);
                            azure.TriggerReceipts.GetOrAdd(message.MessageText, _ => new ConcurrentQueue<ReceivedMessage>())
                                .Enqueue(new ReceivedMessage(queue, message.MessageId, message.PopReceipt, message.DequeueCount, envelope));
                            _prefetched.Enqueue(message.MessageText);
                        }
                    }
                }
            }
            finally
            {
                _receiving.Release();
            }

            if (_prefetched.IsEmpty)
            {
                await Task.Delay(20, cancellationToken);
            }
        }
        while (DateTime.UtcNow < deadline || !_prefetched.IsEmpty);

        return null;
    }

    public async Task DisposeAsync(IOrchestrationBackend backend)
    {
        var azure = (AzureStorageOrchestrationBackend)backend;
        await azure.DisposeAsync();
        await azure.DeleteTaskHubAsync();
    }
}
