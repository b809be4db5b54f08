using ModelAlloy.Evaluation.Replay;

namespace ModelAlloy.Evaluation.Routing;

/// <summary>
/// Per-task-type rates of the three labels (weak suffices, weak correct, strong correct), each shrunk toward the rate
/// over all rows by <see cref="Strength"/> pseudo-rows: (count + strength × overall) / (rows + strength). The router
/// reads them as numeric features (their logits), the prior its text refines; a task type never seen in training gets
/// the overall rates. Saved in the manifest, since they are part of the model.
/// </summary>
public sealed record TaskTypePriors
{
    /// <summary>The default strength: pseudo-rows at the overall rate added to every task type.</summary>
    public const double DefaultStrength = 20;

    /// <summary>Gets the number of pseudo-rows at the overall rates added to each task type.</summary>
    public double Strength { get; init; } = DefaultStrength;

    /// <summary>Gets the rates over all training rows (used for task types not seen in training).</summary>
    public required TaskTypePrior Overall { get; init; }

    /// <summary>Gets the shrunk rates per task type seen in training.</summary>
    public IReadOnlyDictionary<string, TaskTypePrior> ByTaskType { get; init; } = new Dictionary<string, TaskTypePrior>();

    /// <summary>Returns a task type's rates, or the overall ones when it was not seen in training.</summary>
    /// <param name="taskType">The task type.</param>
    /// <returns>The rates.</returns>
    public TaskTypePrior For(string taskType) => ByTaskType.TryGetValue(taskType ?? "", out TaskTypePrior? prior) ? prior : Overall;

    /// <summary>Computes the priors of training rows.</summary>
    /// <param name="rows">The rows (at least one).</param>
    /// <param name="strength">The shrinkage, in pseudo-rows.</param>
    /// <returns>The priors.</returns>
    public static TaskTypePriors From(IReadOnlyList<RecordedOutcome> rows, double strength = DefaultStrength)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfZero(rows.Count);
        TaskTypePrior overall = Rates(rows, null, 0);
        return new TaskTypePriors
        {
            Strength = strength,
            Overall = overall,
            ByTaskType = rows.GroupBy(r => r.TaskType, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => Rates(g.ToArray(), overall, strength), StringComparer.Ordinal),
        };
    }

    /// <summary>
    /// The priors each training row sees: computed from the other folds only, so that a row's own label never feeds
    /// its own feature (with the rates of all rows, small task types would leak their labels into training).
    /// </summary>
    /// <param name="rows">The training rows.</param>
    /// <param name="folds">The number of folds (at least 2).</param>
    /// <param name="seed">The seed of the folds.</param>
    /// <param name="strength">The shrinkage, in pseudo-rows.</param>
    /// <returns>One prior per row, same order.</returns>
    internal static TaskTypePrior[] OutOfFold(IReadOnlyList<RecordedOutcome> rows, int folds, int seed, double strength = DefaultStrength)
    {
        int[] fold = ReplaySplits.StratifiedFolds(rows, folds, seed);
        var priors = new TaskTypePrior[rows.Count];
        for (int k = 0; k < folds; k++)
        {
            RecordedOutcome[] others = Enumerable.Range(0, rows.Count).Where(i => fold[i] != k).Select(i => rows[i]).ToArray();
            TaskTypePriors fromOthers = others.Length > 0 ? From(others, strength) : From(rows, strength);
            for (int i = 0; i < rows.Count; i++)
            {
                if (fold[i] == k)
                {
                    priors[i] = fromOthers.For(rows[i].TaskType);
                }
            }
        }

        return priors;
    }

    private static TaskTypePrior Rates(IReadOnlyList<RecordedOutcome> rows, TaskTypePrior? overall, double strength)
    {
        double Rate(Func<RecordedOutcome, bool> label, double toward) => (rows.Count(label) + (strength * toward)) / (rows.Count + strength);
        return new TaskTypePrior(
            rows.Count,
            Math.Round(Rate(r => r.WeakSuffices, overall?.WeakSuffices ?? 0), 6),
            Math.Round(Rate(r => r.WeakCorrect, overall?.WeakCorrect ?? 0), 6),
            Math.Round(Rate(r => r.StrongCorrect, overall?.StrongCorrect ?? 0), 6));
    }
}

/// <summary>One task type's (shrunk) label rates in training.</summary>
/// <param name="Rows">The training rows of the task type.</param>
/// <param name="WeakSuffices">The rate at which the weak model sufficed.</param>
/// <param name="WeakCorrect">The rate at which the weak model was correct.</param>
/// <param name="StrongCorrect">The rate at which the strong model was correct.</param>
public sealed record TaskTypePrior(int Rows, double WeakSuffices, double WeakCorrect, double StrongCorrect)
{
    /// <summary>Returns the logit of a rate, kept finite (rates of 0 or 1 are clamped to 0.001..0.999).</summary>
    /// <param name="rate">The rate.</param>
    /// <returns>log(rate / (1 − rate)).</returns>
    public static float Logit(double rate)
    {
        double p = Math.Clamp(rate, 0.001, 0.999);
        return (float)Math.Log(p / (1 - p));
    }
}
