using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ModelAlloy.Batches.Items;
using ModelAlloy.Batches.Results;

namespace ModelAlloy.Batches.Queue;

/// <summary>
/// A batch's blobs in <c>alloy-batches</c>: <c>{batch}/items.jsonl</c> (items uploaded by <c>alloy batch --queue</c>),
/// <c>{batch}/runs/{instance}.json</c> (one record per started item: which item, which instance; written again on a
/// redelivery, same content), <c>{batch}/results.jsonl</c> and <c>{batch}/summary.json</c> (rewritten whole from the
/// instances' states, so a second writer writes the same thing).
/// </summary>
/// <param name="service">The blob service.</param>
public sealed class BatchBlobStore(BlobServiceClient service)
{
    private readonly BlobContainerClient _container = service.GetBlobContainerClient(BatchQueueNames.Container);

    /// <summary>Uploads items as <c>{batch}/items.jsonl</c>.</summary>
    /// <param name="batchId">The batch id.</param>
    /// <param name="items">The items.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>The blob as <c>container/path</c>.</returns>
    public async Task<string> UploadItemsAsync(string batchId, IEnumerable<BatchItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        string path = $"{batchId}/items.jsonl";
        string text = string.Concat(items.Select(i => JsonSerializer.Serialize(new { id = i.Id, input = i.Input }, BatchJson.Options) + "\n"));
        await UploadAsync(path, text, cancellationToken).ConfigureAwait(false);
        return $"{BatchQueueNames.Container}/{path}";
    }

    /// <summary>Reads the items of a JSONL blob named <c>container/path</c>.</summary>
    /// <param name="blob">The blob.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The items.</returns>
    /// <exception cref="Evaluation.Datasets.DatasetFormatException">When a line is not a usable item.</exception>
    /// <exception cref="Azure.RequestFailedException">When the blob cannot be read (404 when it does not exist).</exception>
    public async Task<IReadOnlyList<BatchItem>> ReadItemsAsync(string blob, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(blob);
        int slash = blob.IndexOf('/', StringComparison.Ordinal);
        BlobClient client = service.GetBlobContainerClient(blob[..slash]).GetBlobClient(blob[(slash + 1)..]);
        BlobDownloadResult content = await client.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new StringReader(content.Content.ToString());
        return await BatchItemReader.ReadAsync(reader, blob, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records that an item runs as an instance (idempotent).</summary>
    /// <param name="batchId">The batch id.</param>
    /// <param name="run">The item and its instance.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task.</returns>
    public Task RecordRunAsync(string batchId, BatchRunRecord run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        return UploadAsync($"{batchId}/runs/{run.Instance}.json", JsonSerializer.Serialize(run, BatchJson.Options), cancellationToken);
    }

    /// <summary>Lists the recorded runs of a batch.</summary>
    /// <param name="batchId">The batch id.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The runs.</returns>
    public async Task<IReadOnlyList<BatchRunRecord>> ListRunsAsync(string batchId, CancellationToken cancellationToken = default)
    {
        var runs = new List<BatchRunRecord>();
        if (!await _container.ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            return runs;
        }

        await foreach (BlobItem blob in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, $"{batchId}/runs/", cancellationToken).ConfigureAwait(false))
        {
            BlobDownloadResult content = await _container.GetBlobClient(blob.Name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            if (content.Content.ToObjectFromJson<BatchRunRecord>(BatchJson.Options) is { } run)
            {
                runs.Add(run);
            }
        }

        return runs;
    }

    /// <summary>Writes <c>{batch}/results.jsonl</c> and <c>{batch}/summary.json</c>, replacing what was there.</summary>
    /// <param name="summary">The summary.</param>
    /// <param name="results">The results.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>A task.</returns>
    public async Task WriteResultsAsync(BatchSummary summary, IEnumerable<BatchItemResult> results, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(results);
        string lines = string.Concat(results.OrderBy(r => r.Id, StringComparer.Ordinal).Select(r => JsonSerializer.Serialize(r, BatchJson.Options) + "\n"));
        await UploadAsync($"{summary.BatchId}/results.jsonl", lines, cancellationToken).ConfigureAwait(false);
        await UploadAsync($"{summary.BatchId}/summary.json", JsonSerializer.Serialize(summary, BatchJson.Indented), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a text blob of the container, or null when it does not exist.</summary>
    /// <param name="path">The path in the container.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The text.</returns>
    public async Task<string?> ReadTextAsync(string path, CancellationToken cancellationToken = default)
    {
        BlobClient blob = _container.GetBlobClient(path);
        if (!await blob.ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return (await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content.ToString();
    }

    private async Task UploadAsync(string path, string text, CancellationToken cancellationToken)
    {
        await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await _container.GetBlobClient(path).UploadAsync(new BinaryData(Encoding.UTF8.GetBytes(text)), overwrite: true, cancellationToken).ConfigureAwait(false);
    }
}
