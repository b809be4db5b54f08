using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Logging;

namespace ModelAlloy.Durable.AzureStorage;

/// <summary>
/// Decides which control-queue partitions this worker receives, with one blob lease per partition
/// (<c>{hub}-leases/partitions/NN</c>). Workers announce themselves with heartbeat blobs; each takes at most
/// ceil(partitions / live workers) and releases any surplus, so partitions spread over workers. A lease whose owner's
/// heartbeat stopped is broken rather than waited out, so a killed worker's partitions move within seconds.
/// Leases are the fast path only: correctness rests on the ETag-guarded checkpoint, so even two owners cannot
/// corrupt a history.
/// </summary>
internal sealed partial class PartitionManager(
    TaskHubStorage storage, AzureStorageBackendOptions options, ILogger logger, Action<int> onAcquired, Action<int> onLost)
{
    private const string OwnerKey = "owner";
    private readonly Dictionary<int, BlobLeaseClient> _owned = [];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await CreateLeaseBlobsAsync(cancellationToken).ConfigureAwait(false);

        // Announce ourselves and give workers starting alongside a moment to do the same, so the first worker up
        // does not grab every partition only to hand most of them back (each hand-over risks duplicated work).
        try
        {
            await storage.Leases.GetBlobClient(HeartbeatName(options.WorkerId)).UploadAsync(BinaryData.Empty, overwrite: true, cancellationToken).ConfigureAwait(false);
            await Task.Delay(options.LeaseRenewInterval < TimeSpan.FromSeconds(1) ? options.LeaseRenewInterval : TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex)
        {
            Logs.LeaseMaintenanceFailed(logger, ex.Message);
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await TickAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (RequestFailedException ex)
            {
                Logs.LeaseMaintenanceFailed(logger, ex.Message);
            }
            catch (System.Net.Http.HttpRequestException ex)
            {
                Logs.LeaseMaintenanceFailed(logger, ex.Message);
            }

            try
            {
                await Task.Delay(options.LeaseRenewInterval, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await ReleaseAllAsync().ConfigureAwait(false);
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        var heartbeat = await storage.Leases.GetBlobClient(HeartbeatName(options.WorkerId))
            .UploadAsync(BinaryData.Empty, overwrite: true, cancellationToken).ConfigureAwait(false);
        var now = heartbeat.Value.LastModified;
        var stale = options.LeaseRenewInterval * 3 + TimeSpan.FromSeconds(1);
        var alive = new HashSet<string>(StringComparer.Ordinal) { options.WorkerId };
        var partitions = new Dictionary<int, BlobItem>();
        await foreach (var blob in storage.Leases.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata }, cancellationToken).ConfigureAwait(false))
        {
            if (blob.Name.StartsWith("workers/", StringComparison.Ordinal) && now - blob.Properties.LastModified < stale)
            {
                alive.Add(blob.Name["workers/".Length..]);
            }
            else if (blob.Name.StartsWith("partitions/", StringComparison.Ordinal) && int.TryParse(blob.Name["partitions/".Length..], out var p))
            {
                partitions[p] = blob;
            }
        }

        await RenewOwnedAsync(cancellationToken).ConfigureAwait(false);
        var target = (options.PartitionCount + alive.Count - 1) / alive.Count;
        if (_owned.Count > target)
        {
            await ReleaseAsync(_owned.Keys.Max(), "rebalancing to new workers").ConfigureAwait(false);
            return;
        }

        foreach (var (partition, blob) in partitions.OrderBy(p => p.Key))
        {
            if (_owned.Count >= target)
            {
                break;
            }

            if (!_owned.ContainsKey(partition))
            {
                await TryAcquireAsync(partition, blob, alive, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task TryAcquireAsync(int partition, BlobItem blob, HashSet<string> alive, CancellationToken cancellationToken)
    {
        var client = storage.Leases.GetBlobClient(blob.Name);
        if (blob.Properties.LeaseState == LeaseState.Leased)
        {
            var owner = blob.Metadata.TryGetValue(OwnerKey, out var o) ? o : "";
            if (alive.Contains(owner) || owner.Length == 0)
            {
                return;
            }

            Logs.StaleLeaseBroken(logger, options.WorkerId, partition, owner);
            await client.GetBlobLeaseClient().BreakAsync(TimeSpan.Zero, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        var lease = client.GetBlobLeaseClient(Guid.NewGuid().ToString());
        try
        {
            await lease.AcquireAsync(options.LeaseDuration, cancellationToken: cancellationToken).ConfigureAwait(false);
            await client.SetMetadataAsync(new Dictionary<string, string> { [OwnerKey] = options.WorkerId },
                new BlobRequestConditions { LeaseId = lease.LeaseId }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return; // another worker was faster
        }

        _owned[partition] = lease;
        Logs.PartitionAcquired(logger, options.WorkerId, partition, options.TaskHubName);
        onAcquired(partition);
    }

    private async Task RenewOwnedAsync(CancellationToken cancellationToken)
    {
        foreach (var (partition, lease) in _owned.ToArray())
        {
            try
            {
                await lease.RenewAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 404)
            {
                _owned.Remove(partition);
                Logs.PartitionLost(logger, options.WorkerId, partition, ex.ErrorCode ?? ex.Status.ToString(System.Globalization.CultureInfo.InvariantCulture));
                onLost(partition);
            }
        }
    }

    private async Task ReleaseAsync(int partition, string reason)
    {
        var lease = _owned[partition];
        _owned.Remove(partition);
        onLost(partition);
        try
        {
            await lease.ReleaseAsync().ConfigureAwait(false);
        }
        catch (RequestFailedException)
        {
            // Expired or taken already: either way it is not ours.
        }

        Logs.PartitionReleased(logger, options.WorkerId, partition, reason);
    }

    private async Task ReleaseAllAsync()
    {
        foreach (var partition in _owned.Keys.ToArray())
        {
            await ReleaseAsync(partition, "worker stopping").ConfigureAwait(false);
        }

        try
        {
            await storage.Leases.DeleteBlobIfExistsAsync(HeartbeatName(options.WorkerId)).ConfigureAwait(false);
        }
        catch (RequestFailedException)
        {
        }
    }

    private async Task CreateLeaseBlobsAsync(CancellationToken cancellationToken)
    {
        for (var p = 0; p < options.PartitionCount; p++)
        {
            try
            {
                await storage.Leases.GetBlobClient(PartitionName(p)).UploadAsync(BinaryData.Empty, overwrite: false, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Exists (possibly leased): fine.
            }
        }
    }

    private static string PartitionName(int partition) => $"partitions/{partition:D2}";

    private static string HeartbeatName(string workerId) => $"workers/{workerId}";
}
