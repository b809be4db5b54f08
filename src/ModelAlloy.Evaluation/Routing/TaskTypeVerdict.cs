namespace ModelAlloy.Evaluation.Routing;

/// <summary>
/// What validation found for one task type (or for task types never seen in training): whether the router ranks
/// requests better than random there. <see cref="Routes"/> is false when a one-sided permutation test of the router's
/// routing gain against random rankings of the same rows has p ≥ the significance level, or the rows are too few.
/// </summary>
public sealed record TaskTypeVerdict
{
    /// <summary>Gets the number of validation rows.</summary>
    public int Rows { get; init; }

    /// <summary>Gets whether the router is trusted here; false means it falls back to the default tier.</summary>
    public bool Routes { get; init; }

    /// <summary>Gets the verdict in words: <c>routes</c> or <c>no-better-than-random</c>.</summary>
    public string Verdict => Routes ? "routes" : "no-better-than-random";

    /// <summary>Gets the validation APGR, or null when the strong model is no better than the weak one on these rows.</summary>
    public double? Apgr { get; init; }

    /// <summary>Gets the permutation test's p-value (the chance that a random ranking does at least as well).</summary>
    public double PValue { get; init; }

    /// <summary>Gets the verdict with its evidence, in one line.</summary>
    /// <returns>E.g. <c>no-better-than-random (APGR 0.52, p=0.41, 120 rows)</c>.</returns>
    public string Describe() =>
        FormattableString.Invariant($"{Verdict} (APGR {(Apgr is { } a ? a.ToString("F2", System.Globalization.CultureInfo.InvariantCulture) : "n/a: no gap")}, p={PValue:F3}, {Rows} rows)");
}
