using System.Collections.Concurrent;
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
    private readonly ConcurrentDictionary<string, long> _byOperation = new(StringComparer.Ordinal);

    /// <summary>Requests to the Table service.</summary>
    public long TableRequests => Interlocked.Read(ref _tables);

    /// <summary>Requests to the Queue service.</summary>
    public long QueueRequests => Interlocked.Read(ref _queues);

    /// <summary>Requests to the Blob service.</summary>
    public long BlobRequests => Interlocked.Read(ref _blobs);

    /// <summary>Instance-status reads made for clients (polling for completion), included in <see cref="Total"/>.</summary>
    public long ClientStatusReads => Interlocked.Read(ref _statusReads);

    /// <summary>
    /// Requests by operation (for example <c>queue delete</c>, <c>table batch</c>), to see what a workload pays for.
    /// </summary>
    public IReadOnlyDictionary<string, long> ByOperation => new Dictionary<string, long>(_byOperation, StringComparer.Ordinal);

    /// <summary>All requests.</summary>
    public long Total => TableRequests + QueueRequests + BlobRequests;

    /// <summary>Sets every count to zero.</summary>
    public void Reset()
    {
        Interlocked.Exchange(ref _tables, 0);
        Interlocked.Exchange(ref _queues, 0);
        Interlocked.Exchange(ref _blobs, 0);
        Interlocked.Exchange(ref _statusReads, 0);
        _byOperation.Clear();
    }

    internal void CountClientStatusRead() => Interlocked.Increment(ref _statusReads);

    internal HttpPipelinePolicy PolicyFor(StorageService service) => new CountingPolicy(this, service);

    private void Count(StorageService service, HttpMessage message)
    {
        _byOperation.AddOrUpdate(OperationOf(service, message.Request), 1, (_, n) => n + 1);
        switch (service)
        {
            case StorageService.Table: Interlocked.Increment(ref _tables); break;
            case StorageService.Queue: Interlocked.Increment(ref _queues); break;
            default: Interlocked.Increment(ref _blobs); break;
        }
    }

    /// <summary>Names a request by service and kind, from its method and path (no payload is read).</summary>
    private static string OperationOf(StorageService service, Request request)
    {
        var method = request.Method.Method;
        var path = request.Uri.Path;
        var query = request.Uri.Query;
        return service switch
        {
            StorageService.Queue when path.EndsWith("/messages", StringComparison.Ordinal) => method switch
            {
                "POST" => "queue send",
                "GET" => "queue receive",
                _ => "queue " + method.ToLowerInvariant(),
            },
            StorageService.Queue when path.Contains("/messages/", StringComparison.Ordinal) => method switch
            {
                "DELETE" => "queue delete",
                "PUT" => "queue update",
                _ => "queue message " + method.ToLowerInvariant(),
            },
            StorageService.Table when path.EndsWith("/$batch", StringComparison.Ordinal) => "table batch",
            StorageService.Table when path.Contains('(', StringComparison.Ordinal) => "table entity " + method.ToLowerInvariant(),
            StorageService.Table => (query.Contains("$filter", StringComparison.Ordinal) ? "table query " : "table ") + method.ToLowerInvariant(),
            StorageService.Queue => "queue other " + method.ToLowerInvariant(),
            _ => "blob " + method.ToLowerInvariant(),
        };
    }

    private sealed class CountingPolicy(StorageRequestCounter counter, StorageService service) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message) => counter.Count(service, message);
    }
}

internal enum StorageService
{
    Table,
    Queue,
    Blob,
}
