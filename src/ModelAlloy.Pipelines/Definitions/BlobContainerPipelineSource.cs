using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace ModelAlloy.Pipelines.Definitions;

/// <summary>
/// Definitions from the <c>*.json</c> blobs of a container (not <c>*.schema.json</c>), ordered by name: upload an
/// edited definition and the next run uses it, no redeploy. Authenticate the client as the host does (managed
/// identity in Azure, a connection string locally).
/// </summary>
public sealed class BlobContainerPipelineSource : IPipelineDefinitionSource
{
    private readonly BlobContainerClient _container;
    private readonly string? _prefix;

    /// <summary>Creates the source.</summary>
    /// <param name="container">The container.</param>
    /// <param name="prefix">A virtual folder inside the container (e.g. <c>pipelines/</c>), or null for all blobs.</param>
    public BlobContainerPipelineSource(BlobContainerClient container, string? prefix = null)
    {
        ArgumentNullException.ThrowIfNull(container);
        _container = container;
        _prefix = prefix;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PipelineDocument>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var documents = new List<PipelineDocument>();
        if (!await _container.ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            return documents;
        }

        var names = new List<string>();
        await foreach (BlobItem blob in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = _prefix }, cancellationToken).ConfigureAwait(false))
        {
            if (blob.Name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && !blob.Name.EndsWith(".schema.json", StringComparison.OrdinalIgnoreCase))
            {
                names.Add(blob.Name);
            }
        }

        foreach (string name in names.Order(StringComparer.Ordinal))
        {
            BlobDownloadResult content = await _container.GetBlobClient(name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            documents.Add(new PipelineDocument(name, content.Content.ToString()));
        }

        return documents;
    }
}
