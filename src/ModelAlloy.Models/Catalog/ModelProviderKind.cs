namespace ModelAlloy.Models;

/// <summary>Which client the gateway builds for a catalog entry (or, for <see cref="Human"/>, who answered a call).</summary>
public enum ModelProviderKind
{
    /// <summary>Not set; rejected by validation.</summary>
    Unspecified = 0,

    /// <summary>Azure OpenAI through Azure.AI.OpenAI and Microsoft.Extensions.AI.OpenAI (deployment name, API key or managed identity).</summary>
    AzureOpenAI,

    /// <summary>Any OpenAI-compatible endpoint (OpenAI, Azure AI Foundry, Ollama, vLLM) through the OpenAI client and Microsoft.Extensions.AI.OpenAI.</summary>
    OpenAICompatible,

    /// <summary>Anthropic's Messages API through the Anthropic package.</summary>
    Anthropic,

    /// <summary>The deterministic simulated provider; its results are always marked simulated.</summary>
    Simulated,

    /// <summary>A person, answering a call whose fallback chain ends in human escalation; never a catalog entry.</summary>
    Human,
}
