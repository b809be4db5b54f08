using System.Text;
using System.Text.Json;

namespace ModelAlloy.Batches.Results;

/// <summary>
/// Writes results to a JSONL file, one line per finished item, flushed as it is written: a crash loses nothing that
/// finished. Each pass rewrites the file from the start (a resumed pass writes the read-back results again), so the
/// file never holds an item twice.
/// </summary>
public sealed class JsonlResultWriter : IBatchResultSink, IAsyncDisposable
{
    private readonly FileStream _file;
    private readonly SemaphoreSlim _lock = new(1, 1);

    /// <summary>Creates (or truncates) the file.</summary>
    /// <param name="path">The results file.</param>
    public JsonlResultWriter(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        FilePath = path;
    }

    /// <summary>Gets the file's path.</summary>
    public string FilePath { get; }

    /// <inheritdoc />
    public async Task WriteAsync(BatchItemResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        byte[] line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(result, BatchJson.Options) + "\n");
        await _lock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            await _file.WriteAsync(line, CancellationToken.None).ConfigureAwait(false);
            await _file.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _file.DisposeAsync().ConfigureAwait(false);
        _lock.Dispose();
    }
}
