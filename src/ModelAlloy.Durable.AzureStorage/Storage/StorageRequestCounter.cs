using Azure.Core;
using Azure.Core.Pipeline;

namespace ModelAlloy.Durable.AzureStorage;

/// <summary>
/// Counts storage requests (each one is billed on Azure) by service and kind, through an Azure SDK pipeline policy
/// on every client the backend creates. Retries count: they are billed too.
/// </summary>
public sealed class StorageRequestCounter
{
    private long _tables;
    private long _queues;
    private long _blobs;
    private long _statusReads;

    /// <summary>Requests to the Table service.</summary>
    public long TableRequests => Interlocked.Read(ref _tables);

    /// <summary>Requests to the Queue service.</summary>
    public long QueueRequests => Interlocked.Read(ref _queues);

    /// <summary>Requests to the Blob service.</summary>
    public long BlobRequests => Interlocked.Read(ref _blobs);

    /// <summary>Instance-status reads made for clients (polling for completion), included in <see cref="Total"/>.</summary>
    public long ClientStatusReads => Interlocked.Read(ref _statusReads);

    /// <summary>All requests.</summary>
    public long Total => TableRequests + QueueRequests + BlobRequests;

    /// <summary>Sets every count to zero.</summary>
    public void Reset()
    {
        Interlocked.Exchange(ref _tables, 0);
        Interlocked.Exchange(ref _queues, 0);
        Interlocked.Exchange(ref _blobs, 0);
        Interlocked.Exchange(ref _statusReads, 0);
    }

    internal void CountClientStatusRead() => Interlocked.Increment(ref _statusReads);

    internal HttpPipelinePolicy PolicyFor(StorageService service) => new CountingPolicy(this, service);

    private void Count(StorageService service)
    {
        switch (service)
        {
            case StorageService.Table: Interlocked.Increment(ref _tables); break;
            case StorageService.Queue: Interlocked.Increment(ref _queues); break;
            default: Interlocked.Increment(ref _blobs); break;
        }
    }

    private sealed class CountingPolicy(StorageRequestCounter counter, StorageService service) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message) => counter.Count(service);
    }
}

internal enum StorageService
{
    Table,
    Queue,
    Blob,
}
