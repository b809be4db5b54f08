using ModelAlloy.Evaluation.Datasets;

namespace ModelAlloy.Batches.Items;

/// <summary>
/// Reads batch items from the dataset JSONL format (<see cref="JsonlDatasetReader"/>: one object per line with
/// <c>id</c> and <c>input</c>; references, labels and metadata are allowed and ignored). A bad line throws a
/// <see cref="DatasetFormatException"/> naming the line and the field.
/// </summary>
public static class BatchItemReader
{
    /// <summary>Reads the items of a file.</summary>
    /// <param name="path">The .jsonl file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The items in file order.</returns>
    /// <exception cref="FileNotFoundException">When the file does not exist.</exception>
    /// <exception cref="DatasetFormatException">When a line is not a usable item.</exception>
    public static async Task<IReadOnlyList<BatchItem>> ReadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"batch file '{path}' not found; pass a JSONL file of {{\"id\": \"...\", \"input\": \"...\"}} lines", path);
        }

        using var reader = new StreamReader(path);
        return await ReadAsync(reader, Path.GetFileName(path), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads items from JSONL text.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="source">The name used in error messages.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The items in order.</returns>
    /// <exception cref="DatasetFormatException">When a line is not a usable item.</exception>
    public static async Task<IReadOnlyList<BatchItem>> ReadAsync(TextReader reader, string source, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<EvalItem> items = await JsonlDatasetReader.ReadAsync(reader, source, cancellationToken).ConfigureAwait(false);
        return [.. items.Select(i => new BatchItem(i.Id, i.Input))];
    }
}
