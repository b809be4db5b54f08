namespace ModelAlloy.Evaluation.SideBySide;

/// <summary>How a side-by-side run runs.</summary>
public sealed record SideBySideOptions
{
    /// <summary>Gets how many runs are in flight at once (all systems share the bound).</summary>
    public int Concurrency { get; init; } = 8;

    /// <summary>Gets the run's tag; every run id is <c>eval-{tag}-s{system}-{item}</c>. Default: a UTC timestamp.</summary>
    public string? RunTag { get; init; }

    /// <summary>Gets the monthly volume of the cost projection.</summary>
    public long RequestsPerMonth { get; init; } = Projection.CostProjection.DefaultRequestsPerMonth;

    /// <summary>Gets the catalog's model tiers (model id → tier name), to count calls per tier.</summary>
    public IReadOnlyDictionary<string, string> ModelTiers { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the tier names in order, cheapest first (the columns of tier shares).</summary>
    public IReadOnlyList<string> Tiers { get; init; } = ["Economy", "Standard", "Premium"];
}
