using System.Security.Cryptography;
using System.Text;

namespace ModelAlloy.Api.Runs;

/// <summary>
/// The instance id of a run started with an <c>Idempotency-Key</c>: the pipeline's name and a hash of (pipeline, key),
/// so every retry of a POST names the same instance on every host and process, with no table of keys to keep. The
/// pipeline is part of the hash, so one key sent to two pipelines names two runs; the hash keeps any key (spaces,
/// slashes, 255 characters) out of the id, whose characters backends restrict.
/// </summary>
internal static class RunInstanceId
{
    /// <summary>The header.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>The longest key accepted.</summary>
    public const int MaxKeyLength = 255;

    /// <summary>Returns <c>{pipeline}-{32 hex digits}</c> (or <c>run-…</c> when the name is long or unusual).</summary>
    public static string FromIdempotencyKey(string pipeline, string key)
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{pipeline}\n{key}"));
        string prefix = pipeline.Length <= 48 && RunRequest.IsValidInstanceId(pipeline) ? pipeline : "run";
        return $"{prefix}-{Convert.ToHexStringLower(hash.AsSpan(0, 16))}";
    }

    /// <summary>Whether the key is 1–255 visible ASCII characters or spaces (what the header can carry unchanged).</summary>
    public static bool IsValidKey(string key) => key.Length is > 0 and <= MaxKeyLength && key.All(c => c is >= ' ' and <= '~');
}
