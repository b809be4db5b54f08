using ModelAlloy.Cli.Terminal;

namespace ModelAlloy.Cli.Runs;

/// <summary>The input of <c>alloy run</c>: <c>--input TEXT</c>, <c>--input @file</c>, or <c>-</c> (stdin).</summary>
internal static class RunInputReader
{
    /// <summary>The marker that reads stdin.</summary>
    public const string StdinMarker = "-";

    /// <summary>Reads the input the command line names.</summary>
    /// <param name="option">The value of <c>--input</c> (TEXT, @file or -), if given.</param>
    /// <param name="positional">The positional <c>-</c>, if given.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The input text.</returns>
    /// <exception cref="UsageException">No input, two inputs, an unreadable file, or an empty input.</exception>
    public static async Task<string> ReadAsync(string? option, string? positional, CancellationToken cancellationToken)
    {
        if (positional is not null && positional != StdinMarker)
        {
            throw new UsageException($"unexpected argument '{positional}': give the input with --input TEXT, --input @file, or '-' for stdin.");
        }

        if (option is not null && positional is not null)
        {
            throw new UsageException("give the input once: --input TEXT, --input @file, or '-' for stdin.");
        }

        string text = (option ?? positional) switch
        {
            null => throw new UsageException("no input: give --input TEXT, --input @file, or '-' to read stdin."),
            StdinMarker => await StandardInput.Current.ReadToEndAsync(cancellationToken).ConfigureAwait(false),
            ['@', .. string file] => await ReadFileAsync(file, cancellationToken).ConfigureAwait(false),
            string literal => literal,
        };

        text = text.TrimEnd('\r', '\n');
        return text.Length > 0 ? text : throw new UsageException("the input is empty.");
    }

    private static async Task<string> ReadFileAsync(string file, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new UsageException($"input file '{file}' not found; --input @file reads a file, --input TEXT takes the text itself.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read input file '{file}': {ex.Message}");
        }
    }
}
