using System.Security.Cryptography;
using System.Text;

namespace ModelAlloy.Batches.Runs;

/// <summary>
/// The instance id of a batch item's run, derived from (batch id, item id) alone, so a redelivered message, a retried
/// batch or a rerun after a crash names the same instance and starts nothing twice. Readable parts (letters, digits,
/// '-' and '_'; others become '_'; each part shortened) are followed by a hash of the exact pair: two pairs that clean
/// to the same text (<c>a.b</c> and <c>a_b</c>, or batch <c>a-b</c> item <c>c</c> and batch <c>a</c> item <c>b-c</c>)
/// still get different ids, and the id stays under every backend's length limit.
/// </summary>
public static class BatchInstanceId
{
    /// <summary>The prefix of every batch item's instance id.</summary>
    public const string Prefix = "batch-";

    private const int MaxBatchPart = 32;
    private const int MaxItemPart = 48;
    private const int HashChars = 16;

    /// <summary>Returns <c>batch-{batch}-{item}-{hash}</c>.</summary>
    /// <param name="batchId">The batch id.</param>
    /// <param name="itemId">The item id.</param>
    /// <returns>The instance id (at most 104 characters of <c>[A-Za-z0-9_-]</c>).</returns>
    public static string For(string batchId, string itemId)
    {
        ArgumentException.ThrowIfNullOrEmpty(batchId);
        ArgumentException.ThrowIfNullOrEmpty(itemId);
        return $"{PrefixOf(batchId)}{Clean(itemId, MaxItemPart)}-{Hash(batchId, itemId)}";
    }

    /// <summary>Returns the prefix all of a batch's instance ids start with.</summary>
    /// <param name="batchId">The batch id.</param>
    /// <returns><c>batch-{batch}-</c>.</returns>
    public static string PrefixOf(string batchId)
    {
        ArgumentException.ThrowIfNullOrEmpty(batchId);
        return $"{Prefix}{Clean(batchId, MaxBatchPart)}-";
    }

    private static string Clean(string value, int max)
    {
        var builder = new StringBuilder(Math.Min(value.Length, max));
        foreach (char c in value.AsSpan(0, Math.Min(value.Length, max)))
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_');
        }

        return builder.ToString();
    }

    private static string Hash(string batchId, string itemId)
    {
        byte[] digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{batchId.Length}:{batchId}\n{itemId}"));
        return Convert.ToHexStringLower(digest)[..HashChars];
    }
}
