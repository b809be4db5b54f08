namespace ModelAlloy.Pipelines.Definitions;

/// <summary>Definitions from the <c>*.json</c> files of a folder (not <c>*.schema.json</c>), ordered by file name.</summary>
public sealed class FolderPipelineSource : IPipelineDefinitionSource
{
    private readonly string _folder;

    /// <summary>Creates the source.</summary>
    /// <param name="folder">The folder.</param>
    public FolderPipelineSource(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        _folder = folder;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PipelineDocument>> ReadAllAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(_folder))
        {
            return [];
        }

        var documents = new List<PipelineDocument>();
        foreach (string path in Directory.EnumerateFiles(_folder, "*.json").Order(StringComparer.Ordinal))
        {
            if (path.EndsWith(".schema.json", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            string content = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
            documents.Add(new PipelineDocument(Path.GetFileName(path), content));
        }

        return documents;
    }
}
