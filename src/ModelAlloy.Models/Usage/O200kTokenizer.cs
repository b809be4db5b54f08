using Microsoft.ML.Tokenizers;

namespace ModelAlloy.Models;

/// <summary>
/// The o200k_base tokenizer (GPT-4o's), loaded once per process on first use. Token estimates for providers that report
/// no usage, the replay's cost model and the learned router's prompt shape all read this one instance.
/// </summary>
public static class O200kTokenizer
{
    private static readonly Lazy<Tokenizer> Shared = new(() => TiktokenTokenizer.CreateForModel("gpt-4o"));

    /// <summary>Gets the tokenizer (thread-safe; its vocabulary is read on first use).</summary>
    public static Tokenizer Instance => Shared.Value;
}
