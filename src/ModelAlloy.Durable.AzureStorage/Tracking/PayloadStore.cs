using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ModelAlloy.Durable.Backend;

namespace ModelAlloy.Durable.AzureStorage;

/// <summary>
/// Large strings (LLM outputs, big inputs) that exceed a table property or queue message go to blobs named
/// <c>{escaped instance id}/{what}</c>, so purging an instance deletes them by prefix.
/// </summary>
internal sealed class PayloadStore(BlobContainerClient container, int maxInlineChars, WriteFaultInjector faults)
{
    public int MaxInlineChars => maxInlineChars;

    public bool IsLarge(string? value) => value is not null && value.Length > maxInlineChars;

    /// <summary>Uploads <paramref name="value"/> when it is too large to store inline; returns the blob name, or null.</summary>
    public async Task<string?> OffloadIfLargeAsync(string instanceId, string what, string? value, CancellationToken cancellationToken)
    {
        if (!IsLarge(value))
        {
            return null;
        }

        var name = $"{KeySanitizer.Escape(instanceId)}/{what}";
        faults.BeforeWrite("payload.upload");
        try
        {
            await container.GetBlobClient(name).UploadAsync(BinaryData.FromString(value!), overwrite: true, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex)
        {
            throw new DurableStorageException("payload.upload", ex);
        }

        return name;
    }

    public async Task<string> DownloadAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            var content = await container.GetBlobClient(blobName).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return content.Value.Content.ToString();
        }
        catch (RequestFailedException ex)
        {
            throw new DurableStorageException("payload.download", ex);
        }
    }

    /// <summary>Deletes every payload of an instance.</summary>
    public async Task DeleteInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        var prefix = KeySanitizer.Escape(instanceId) + "/";
        try
        {
            var names = new List<string>();
            await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken).ConfigureAwait(false))
            {
                names.Add(blob.Name);
            }

            faults.BeforeWrite("purge.payloads");
            await Task.WhenAll(names.Select(n => container.DeleteBlobIfExistsAsync(n, cancellationToken: cancellationToken))).ConfigureAwait(false);
        }
        catch (RequestFailedException ex)
        {
            throw new DurableStorageException("payload.purge", ex);
        }
    }
}
