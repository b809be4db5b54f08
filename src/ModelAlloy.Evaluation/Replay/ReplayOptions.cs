using ModelAlloy.Evaluation.Routing;

namespace ModelAlloy.Evaluation.Replay;

/// <summary>How a replay runs.</summary>
public sealed record ReplayOptions
{
    /// <summary>
    /// Gets the number of seeds for randomized and learned policies. 10: the learned router's CPT(50%) varies by about
    /// one point from seed to seed, so 5 seeds leave its mean uncertain by ±0.45 points (one standard error), 10 by ±0.3.
    /// </summary>
    public int Seeds { get; init; } = 10;

    /// <summary>Gets the learned router's training options (the seed is set per run).</summary>
    public LearnedRouterOptions Router { get; init; } = new();

    /// <summary>Gets whether to include the learned router's two evaluations.</summary>
    public bool IncludeLearned { get; init; } = true;

    /// <summary>
    /// Gets the policies to run, by row name (e.g. <c>learned-in-distribution</c>), or null for all of them; the
    /// all-weak and all-strong rows are always in the table.
    /// </summary>
    public IReadOnlyCollection<string>? Only { get; init; }

    /// <summary>Gets the cost model; null builds the default one from the replayed prompts.</summary>
    public RequestCostModel? Costs { get; init; }
}
