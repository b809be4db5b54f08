namespace ModelAlloy.Models;

/// <summary>Prices in US dollars per million tokens.</summary>
public sealed class ModelPrices
{
    /// <summary>Gets or sets the price per million uncached input tokens.</summary>
    public decimal InputPerMillion { get; set; }

    /// <summary>Gets or sets the price per million cached input tokens (defaults to the input price when zero).</summary>
    public decimal CachedInputPerMillion { get; set; }

    /// <summary>Gets or sets the price per million output tokens.</summary>
    public decimal OutputPerMillion { get; set; }
}
