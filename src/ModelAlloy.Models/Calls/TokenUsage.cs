namespace ModelAlloy.Models;

/// <summary>Token counts of one attempt.</summary>
/// <param name="InputTokens">Input tokens, including cached ones.</param>
/// <param name="CachedInputTokens">Input tokens served from the provider's prompt cache.</param>
/// <param name="OutputTokens">Output tokens.</param>
/// <param name="Estimated">True when the provider reported no usage and the counts were estimated with a tokenizer.</param>
public sealed record TokenUsage(long InputTokens, long CachedInputTokens, long OutputTokens, bool Estimated)
{
    /// <summary>No tokens.</summary>
    public static TokenUsage None { get; } = new(0, 0, 0, false);
}
