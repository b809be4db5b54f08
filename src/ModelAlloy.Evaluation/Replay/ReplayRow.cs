namespace ModelAlloy.Evaluation.Replay;

/// <summary>One policy's row in the replay table.</summary>
public sealed record ReplayRow
{
    /// <summary>Gets the policy's name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets what it was measured on (all rows, or which split over how many seeds).</summary>
    public required string EvaluatedOn { get; init; }

    /// <summary>Gets APGR over the runs (no runs for a fixed tier).</summary>
    public MetricSummary Apgr { get; init; }

    /// <summary>Gets CPT(50%) over the runs, as a strong share 0..1.</summary>
    public MetricSummary Cpt50 { get; init; }

    /// <summary>Gets CPT(80%) over the runs, as a strong share 0..1.</summary>
    public MetricSummary Cpt80 { get; init; }

    /// <summary>Gets the fixed strong share of a policy that is a point, not a curve (all-weak 0, all-strong 1); else null.</summary>
    public double? FixedShare { get; init; }

    /// <summary>
    /// Gets the mean curve over the runs on a grid of 101 shares (0%, 1%, ..., 100%), each run's gap recovered drawn on
    /// the full data's weak-to-strong scale; empty for a fixed tier.
    /// </summary>
    public IReadOnlyList<CurvePoint> Curve { get; init; } = [];

    /// <summary>Gets notes from the runs (e.g. the learned router's verdict on unseen task types), one per distinct note.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
