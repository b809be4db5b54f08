namespace ModelAlloy.Models;

/// <summary>Prices usage in US dollars, as decimal (no binary rounding in money).</summary>
internal static class CostCalculator
{
    private const decimal Million = 1_000_000m;

    public static decimal Compute(ModelPrices prices, TokenUsage usage)
    {
        long cached = Math.Min(usage.CachedInputTokens, usage.InputTokens);
        long uncached = usage.InputTokens - cached;
        decimal cachedPrice = prices.CachedInputPerMillion > 0 ? prices.CachedInputPerMillion : prices.InputPerMillion;
        return ((uncached * prices.InputPerMillion) + (cached * cachedPrice) + (usage.OutputTokens * prices.OutputPerMillion)) / Million;
    }
}
