namespace ModelAlloy.Evaluation.Routing;

/// <summary>How a learned router is trained and validated.</summary>
public sealed record LearnedRouterOptions
{
    /// <summary>Gets the seed of every random choice (folds, permutations, the trainer).</summary>
    public int Seed { get; init; }

    /// <summary>
    /// Gets the L2 regularization of the logistic regressions (ML.NET's L-BFGS trainer; L1 is off). 2.5 was chosen by
    /// 3-fold cross-validation inside the training halves of the replay's in-distribution splits (1, 2.5 and 5 tried).
    /// </summary>
    public float L2Regularization { get; init; } = 2.5f;

    /// <summary>Gets the shrinkage of the task-type priors toward the overall rates, in pseudo-rows (see <see cref="TaskTypePriors"/>).</summary>
    public double PriorStrength { get; init; } = TaskTypePriors.DefaultStrength;

    /// <summary>
    /// Gets the fewest training rows for the boosted trees. Below it the router is the logistic regressions alone: with a
    /// few hundred rows the trees fit noise in length and shape (a short prompt of a hard kind, in a synthetic set of 800
    /// rows, came out easy). The replay's routers train on 5,392 rows, the folds its settings were chosen on on 3,595.
    /// </summary>
    public int MinimumRowsForTrees { get; init; } = 2000;

    /// <summary>Gets the number of cross-validation folds, both stratified by task type and grouped by task type.</summary>
    public int ValidationFolds { get; init; } = 3;

    /// <summary>Gets whether to validate per known task type (stratified folds) and calibrate the threshold on it.</summary>
    public bool ValidateKnownTaskTypes { get; init; } = true;

    /// <summary>Gets whether to validate on held-out task types (grouped folds), for requests of task types never seen.</summary>
    public bool ValidateUnseenTaskTypes { get; init; } = true;

    /// <summary>Gets the threshold's calibration target (default: the fewest strong calls recovering 80% of the gap).</summary>
    public CalibrationTarget Calibration { get; init; } = CalibrationTarget.GapRecovered(0.8);

    /// <summary>Gets the one-sided significance level under which a task type's routing gain beats random.</summary>
    public double Significance { get; init; } = 0.05;

    /// <summary>Gets the number of random rankings in each permutation test.</summary>
    public int Permutations { get; init; } = 1000;

    /// <summary>Gets the fewest validation rows of a task type for a verdict other than no-better-than-random.</summary>
    public int MinimumRowsPerTaskType { get; init; } = 20;

    /// <summary>Gets the tier used where the router falls back (a router stage may override it per call).</summary>
    public RouterTier Fallback { get; init; } = RouterTier.Strong;
}
