using System.Security.Cryptography;
using System.Text;

namespace ModelAlloy.Pipelines.Definitions;

/// <summary>
/// A definition as one run saw it: read once by an activity, so the text lives in the run's history and a file edited
/// mid-run never changes its replay. The content hash tells runs of different versions apart.
/// </summary>
public sealed record PipelineSnapshot
{
    /// <summary>Gets the pipeline name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the file the definition came from.</summary>
    public required string Source { get; init; }

    /// <summary>Gets <c>sha256:</c> and the hex SHA-256 of <see cref="Content"/> (UTF-8).</summary>
    public required string ContentHash { get; init; }

    /// <summary>Gets the definition's JSON text.</summary>
    public required string Content { get; init; }

    /// <summary>Hashes a definition's text.</summary>
    /// <param name="content">The text.</param>
    /// <returns>The content hash.</returns>
    public static string Hash(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
    }
}
