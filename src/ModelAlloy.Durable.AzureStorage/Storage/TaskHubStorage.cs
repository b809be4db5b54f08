using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace ModelAlloy.Durable.AzureStorage;

/// <summary>
/// The storage resources of one task hub: tables <c>{hub}Instances</c>, <c>{hub}History</c>, <c>{hub}Poison</c>;
/// queues <c>{hub}-control-NN</c> and <c>{hub}-workitems</c>; containers <c>{hub}-leases</c> and <c>{hub}-payloads</c>.
/// All names derive from the hub name, which is what isolates hubs sharing an account.
/// </summary>
internal sealed class TaskHubStorage
{
    private readonly Lock _createGate = new();
    private Task? _created;

    public TaskHubStorage(AzureStorageBackendOptions options)
    {
        var hub = options.TaskHubName;
        var lower = hub.ToLowerInvariant();
        var (tables, queues, blobs) = CreateServiceClients(options);
        Instances = tables.GetTableClient(hub + "Instances");
        History = tables.GetTableClient(hub + "History");
        Poison = tables.GetTableClient(hub + "Poison");
        ControlQueues = Enumerable.Range(0, options.PartitionCount).Select(i => queues.GetQueueClient($"{lower}-control-{i:D2}")).ToArray();
        WorkItems = queues.GetQueueClient($"{lower}-workitems");
        Leases = blobs.GetBlobContainerClient($"{lower}-leases");
        Payloads = blobs.GetBlobContainerClient($"{lower}-payloads");
    }

    public TableClient Instances { get; }

    public TableClient History { get; }

    public TableClient Poison { get; }

    public IReadOnlyList<QueueClient> ControlQueues { get; }

    public QueueClient WorkItems { get; }

    public BlobContainerClient Leases { get; }

    public BlobContainerClient Payloads { get; }

    public IEnumerable<QueueClient> AllQueues => ControlQueues.Append(WorkItems);

    /// <summary>Creates every resource once per process (idempotent on the service side too); a failed attempt is retried on the next call.</summary>
    public Task EnsureCreatedAsync()
    {
        lock (_createGate)
        {
            if (_created is null || _created.IsFaulted || _created.IsCanceled)
            {
                _created = CreateAllAsync(CancellationToken.None);
            }

            return _created;
        }
    }

    /// <summary>Deletes every resource of the hub.</summary>
    public async Task DeleteAllAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(
            Instances.DeleteAsync(cancellationToken),
            History.DeleteAsync(cancellationToken),
            Poison.DeleteAsync(cancellationToken),
            Leases.DeleteIfExistsAsync(cancellationToken: cancellationToken),
            Payloads.DeleteIfExistsAsync(cancellationToken: cancellationToken),
            Task.WhenAll(AllQueues.Select(q => q.DeleteIfExistsAsync(cancellationToken)))).ConfigureAwait(false);
    }

    private async Task CreateAllAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(
                Instances.CreateIfNotExistsAsync(cancellationToken),
                History.CreateIfNotExistsAsync(cancellationToken),
                Poison.CreateIfNotExistsAsync(cancellationToken),
                Leases.CreateIfNotExistsAsync(cancellationToken: cancellationToken),
                Payloads.CreateIfNotExistsAsync(cancellationToken: cancellationToken),
                Task.WhenAll(AllQueues.Select(q => q.CreateIfNotExistsAsync(cancellationToken: cancellationToken)))).ConfigureAwait(false);
        }
        catch (RequestFailedException ex)
        {
            throw new DurableStorageException("taskhub.create", ex);
        }
    }

    private static (TableServiceClient, QueueServiceClient, BlobServiceClient) CreateServiceClients(AzureStorageBackendOptions options)
    {
        var counter = options.RequestCounter;
        // One bounded connection pool per backend: a burst (500 starts at once) queues here instead of opening
        // hundreds of sockets that an emulator (or a throttled account) answers by dropping connections.
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.MaxConnectionsPerService,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        };
        options.ConfigureHttpHandler?.Invoke(handler);
        var transport = new HttpClientTransport(new HttpClient(handler));
        var tableOptions = Configure(new TableClientOptions(), counter.PolicyFor(StorageService.Table), transport, options.StorageClientDiagnostics);
        var queueOptions = Configure(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }, counter.PolicyFor(StorageService.Queue), transport, options.StorageClientDiagnostics);
        var blobOptions = Configure(new BlobClientOptions(), counter.PolicyFor(StorageService.Blob), transport, options.StorageClientDiagnostics);
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return (new TableServiceClient(options.ConnectionString, tableOptions),
                new QueueServiceClient(options.ConnectionString, queueOptions),
                new BlobServiceClient(options.ConnectionString, blobOptions));
        }

        if (options.TableServiceUri is null || options.QueueServiceUri is null || options.BlobServiceUri is null)
        {
            throw new InvalidOperationException(
                "Durable:AzureStorage needs either ConnectionString or all of TableServiceUri, QueueServiceUri and BlobServiceUri " +
                "(for example from AzureWebJobsStorage__tableServiceUri, __queueServiceUri and __blobServiceUri).");
        }

        var credential = options.Credential ?? new DefaultAzureCredential();
        return (new TableServiceClient(options.TableServiceUri, credential, tableOptions),
            new QueueServiceClient(options.QueueServiceUri, credential, queueOptions),
            new BlobServiceClient(options.BlobServiceUri, credential, blobOptions));
    }

    private static T Configure<T>(T clientOptions, HttpPipelinePolicy counting, HttpPipelineTransport transport, bool diagnostics)
        where T : ClientOptions
    {
        clientOptions.Transport = transport;
        // Fail fast and let the backend's own loops retry: a storage outage must not park a worker for minutes.
        clientOptions.Retry.MaxRetries = 2;
        clientOptions.Retry.Delay = TimeSpan.FromMilliseconds(200);
        clientOptions.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        clientOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        clientOptions.AddPolicy(counting, HttpPipelinePosition.PerRetry);
        // Per-request SDK logging and tracing scopes cost CPU on every storage call of every episode (and, exported,
        // a dependency record per queue poll); the backend logs its own events (Logs.cs) and counts requests itself.
        clientOptions.Diagnostics.IsLoggingEnabled = diagnostics;
        clientOptions.Diagnostics.IsDistributedTracingEnabled = diagnostics;
        return clientOptions;
    }
}
