using ModelAlloy.Models;

namespace ModelAlloy.Evaluation.Replay;

/// <summary>
/// Turns a strong-call share into dollars per million requests: each request costs its tier's price for
/// <see cref="InputTokens"/> input and <see cref="OutputTokens"/> output tokens.
/// </summary>
/// <param name="Weak">The weak tier.</param>
/// <param name="Strong">The strong tier.</param>
/// <param name="InputTokens">Input tokens per request (the replayed prompts' mean).</param>
/// <param name="OutputTokens">Output tokens per request.</param>
public sealed record RequestCostModel(TierPrice Weak, TierPrice Strong, double InputTokens, double OutputTokens)
{
    /// <summary>
    /// Defaults: list prices of the two recorded models when RouteLLM recorded them — Mixtral-8x7B-Instruct at
    /// $0.70/$0.70 per million input/output tokens (Mistral's API), GPT-4-1106-preview at $10/$30 (OpenAI).
    /// </summary>
    public static readonly TierPrice DefaultWeak = new("Mixtral-8x7B-Instruct", 0.70m, 0.70m);

    /// <summary>The default strong tier: GPT-4-1106-preview at $10/$30 per million input/output tokens.</summary>
    public static readonly TierPrice DefaultStrong = new("GPT-4-1106-preview", 10m, 30m);

    /// <summary>The default output tokens per request (an MMLU answer is a letter; chat models add a few words).</summary>
    public const double DefaultOutputTokens = 10;

    /// <summary>Gets the weak model's cost per request.</summary>
    public decimal WeakPerRequest => PerRequest(Weak);

    /// <summary>Gets the strong model's cost per request.</summary>
    public decimal StrongPerRequest => PerRequest(Strong);

    /// <summary>Returns the dollars per million requests when <paramref name="strongShare"/> of them go to the strong model.</summary>
    /// <param name="strongShare">The share, 0..1.</param>
    /// <returns>Dollars per million requests.</returns>
    public decimal PerMillionRequests(double strongShare)
    {
        decimal share = (decimal)Math.Clamp(strongShare, 0, 1);
        return 1_000_000m * (((1 - share) * WeakPerRequest) + (share * StrongPerRequest));
    }

    /// <summary>Builds the model with prompts' mean input tokens (o200k tokenizer) for the given prices.</summary>
    /// <param name="prompts">The replayed prompts.</param>
    /// <param name="weak">The weak tier's prices; null uses <see cref="DefaultWeak"/>.</param>
    /// <param name="strong">The strong tier's prices; null uses <see cref="DefaultStrong"/>.</param>
    /// <param name="outputTokens">Output tokens per request.</param>
    /// <returns>The cost model.</returns>
    public static RequestCostModel ForPrompts(IEnumerable<string> prompts, TierPrice? weak = null, TierPrice? strong = null, double outputTokens = DefaultOutputTokens)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        double input = prompts.Select(p => (double)O200kTokenizer.Instance.CountTokens(p)).DefaultIfEmpty(0).Average();
        return new RequestCostModel(weak ?? DefaultWeak, strong ?? DefaultStrong, input, outputTokens);
    }

    /// <summary>Reads a model's prices from a gateway catalog file (the <c>models.sample.json</c> format).</summary>
    /// <param name="catalogPath">The catalog file.</param>
    /// <param name="modelId">The model's catalog id.</param>
    /// <returns>Its prices.</returns>
    /// <exception cref="KeyNotFoundException">The catalog has no such model.</exception>
    public static TierPrice FromCatalog(string catalogPath, string modelId)
    {
        ModelGatewayOptions options = ModelCatalogConfiguration.Bind(ModelCatalogConfiguration.Build(catalogPath, new Dictionary<string, string?>()));
        if (!options.Models.TryGetValue(modelId, out ModelDefinition? model))
        {
            throw new KeyNotFoundException($"model '{modelId}' is not in catalog '{catalogPath}'; known: {string.Join(", ", options.Models.Keys.Order(StringComparer.Ordinal))}");
        }

        return new TierPrice(modelId, model.Prices.InputPerMillion, model.Prices.OutputPerMillion);
    }

    private decimal PerRequest(TierPrice tier) =>
        (((decimal)InputTokens * tier.InputPerMillion) + ((decimal)OutputTokens * tier.OutputPerMillion)) / 1_000_000m;
}
