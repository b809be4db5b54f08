namespace ModelAlloy.Models;

/// <summary>
/// Estimates token counts with the o200k_base tokenizer when a provider reports no usage. Estimates are marked
/// as such in results and in the ledger; they are close for OpenAI models and indicative for others.
/// </summary>
internal static class TokenEstimator
{
    // Per-message framing tokens of the chat format (role markers), as OpenAI documents for its models.
    private const int PerMessageOverhead = 4;
    private const int PerReplyOverhead = 3;

    public static long CountText(string? text) => string.IsNullOrEmpty(text) ? 0 : O200kTokenizer.Instance.CountTokens(text);

    public static long CountPrompt(IEnumerable<ModelMessage> messages) =>
        messages.Sum(m => CountText(m.Text) + PerMessageOverhead) + PerReplyOverhead;
}
