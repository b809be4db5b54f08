using System.Diagnostics;
using ModelAlloy.Evaluation.Replay;

namespace ModelAlloy.Evaluation.Routing;

/// <summary>
/// Trains a <see cref="LearnedRouter"/> on recorded outcomes. Besides the final fit on all rows it cross-validates
/// twice: folds stratified by task type give every known task type out-of-fold predictions, hence its verdict and
/// the threshold's calibration; folds grouped by task type give predictions for task types the fold never saw, hence
/// the verdict for unseen task types.
/// </summary>
public static class LearnedRouterTrainer
{
    /// <summary>Trains, validates and calibrates a router.</summary>
    /// <param name="rows">The recorded outcomes.</param>
    /// <param name="options">Options; null uses the defaults.</param>
    /// <param name="timeProvider">The clock for the manifest's training time; null uses the system clock.</param>
    /// <param name="cancellationToken">Cancels between fits.</param>
    /// <param name="progress">Receives one line as each fit starts (validation folds, then the final fit), or null.</param>
    /// <returns>The router.</returns>
    /// <exception cref="ArgumentException">Too few rows, or a label that never varies.</exception>
    public static LearnedRouter Train(IReadOnlyList<RecordedOutcome> rows, LearnedRouterOptions? options = null, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        options ??= new LearnedRouterOptions();
        timeProvider ??= TimeProvider.System;
        CheckTrainable(rows);
        var clock = Stopwatch.StartNew();
        var random = new Random(options.Seed);
        int taskTypes = rows.Select(r => r.TaskType).Distinct(StringComparer.Ordinal).Count();

        int[] knownFolds = ReplaySplits.StratifiedFolds(rows, options.ValidationFolds, options.Seed);
        int[]? unseenFolds = options.ValidateUnseenTaskTypes && taskTypes >= options.ValidationFolds
            ? ReplaySplits.GroupedFolds(rows, options.ValidationFolds, options.Seed)
            : null;
        bool trees = rows.Count >= options.MinimumRowsForTrees;
        var fits = new FitProgress(progress, 1 + (options.ValidateKnownTaskTypes ? options.ValidationFolds : 0) + (unseenFolds is null ? 0 : options.ValidationFolds), clock);
        double[]? known = options.ValidateKnownTaskTypes ? OutOfFold(rows, knownFolds, options, trees, "folds stratified by task type", fits, cancellationToken) : null;
        double[]? unseen = unseenFolds is null ? null : OutOfFold(rows, unseenFolds, options, trees, "folds grouped by task type", fits, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        fits.Starting($"the router on all {rows.Count:N0} rows");
        RouterModel model = RouterModel.Fit(rows, options, trees);

        var verdicts = new Dictionary<string, TaskTypeVerdict>(StringComparer.Ordinal);
        if (known is not null)
        {
            foreach (var group in Enumerable.Range(0, rows.Count).GroupBy(i => rows[i].TaskType, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                int[] index = group.ToArray();
                verdicts[group.Key] = Verdict(index.Select(i => rows[i]).ToArray(), index.Select(i => known[i]).ToArray(), options, random);
            }
        }

        double[]? calibration = known ?? unseen;
        double threshold = calibration is null ? 0.5 : ThresholdCalibration.Choose(rows, calibration, options.Calibration);
        (double share, double quality) = calibration is null ? (double.NaN, double.NaN) : Outcome(rows, calibration, threshold);
        DateTimeOffset now = timeProvider.GetUtcNow();
        var manifest = new RouterManifest
        {
            ModelVersion = $"{now:yyyyMMdd'T'HHmmss'Z'}-{model.Sha256[..12]}",
            ModelFile = "router.zip",
            ModelSha256 = model.Sha256,
            TrainedAt = now,
            TrainingSeconds = Math.Round(clock.Elapsed.TotalSeconds, 2),
            TrainingRows = rows.Count,
            Features = RouterPipeline.Describe(trees),
            Priors = model.Priors,
            Threshold = threshold,
            Calibration = calibration is null ? "none (no validation): 0.5" : options.Calibration.ToString(),
            ValidationStrongShare = share,
            ValidationQuality = quality,
            Fallback = options.Fallback,
            KnownTaskTypes = known is null ? null : Verdict(rows, known, options, random, knownFolds),
            TaskTypes = verdicts,
            UnseenTaskTypes = unseen is null ? null : Verdict(rows, unseen, options, random, unseenFolds),
        };
        return new LearnedRouter(model, manifest);
    }

    /// <summary>Fits a router's model only (no validation, threshold 0.5): what a replay evaluation scores.</summary>
    /// <param name="rows">The recorded outcomes.</param>
    /// <param name="options">Options; null uses the defaults.</param>
    /// <returns>The router.</returns>
    public static LearnedRouter Fit(IReadOnlyList<RecordedOutcome> rows, LearnedRouterOptions? options = null) =>
        Train(rows, (options ?? new LearnedRouterOptions()) with { ValidateKnownTaskTypes = false, ValidateUnseenTaskTypes = false });

    private static double[] OutOfFold(IReadOnlyList<RecordedOutcome> rows, int[] fold, LearnedRouterOptions options, bool trees, string folds, FitProgress fits, CancellationToken cancellationToken)
    {
        var predictions = new double[rows.Count];
        for (int k = 0; k < options.ValidationFolds; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int[] test = Enumerable.Range(0, rows.Count).Where(i => fold[i] == k).ToArray();
            if (test.Length == 0)
            {
                continue;
            }

            fits.Starting($"validation, {folds}: fold {k + 1} of {options.ValidationFolds} ({test.Length:N0} rows held out)");
            RouterModel model = RouterModel.Fit(Enumerable.Range(0, rows.Count).Where(i => fold[i] != k).Select(i => rows[i]), options with { Seed = options.Seed + k + 1 }, trees);
            double[] p = model.Predict(test.Select(i => RouteFeatures.From(rows[i])));
            for (int j = 0; j < test.Length; j++)
            {
                predictions[test[j]] = p[j];
            }
        }

        return predictions;
    }

    // Pooled verdicts are stratified by fold: each fold's model has its own calibration, and with folds grouped by
    // task type a fold trained on hard task types over-predicts for the easier ones it holds out (and vice versa),
    // which would make any pooled ranking across folds look worse than random. APGR is then the folds' mean.
    private static TaskTypeVerdict Verdict(IReadOnlyList<RecordedOutcome> rows, IReadOnlyList<double> probability, LearnedRouterOptions options, Random random, int[]? folds = null)
    {
        double[] escalate = probability.Select(p => -p).ToArray();
        var apgrs = Enumerable.Range(0, rows.Count).GroupBy(i => folds?[i] ?? 0)
            .Select(g => RoutingCurve.FromScores(g.Select(i => rows[i]).ToArray(), g.Select(i => escalate[i]).ToArray()))
            .Where(c => c.StrongQuality > c.WeakQuality)
            .Select(RoutingMetrics.Apgr)
            .ToArray();
        double p = PermutationTest.PValue(escalate, rows.Select(r => r.EscalationGain).ToArray(), options.Permutations, random, folds);
        return new TaskTypeVerdict
        {
            Rows = rows.Count,
            Apgr = apgrs.Length > 0 ? Math.Round(apgrs.Average(), 4) : null,
            PValue = Math.Round(p, 4),
            Routes = rows.Count >= options.MinimumRowsPerTaskType && p < options.Significance,
        };
    }

    private static (double Share, double Quality) Outcome(IReadOnlyList<RecordedOutcome> rows, IReadOnlyList<double> probability, double threshold)
    {
        int strong = 0, correct = 0;
        for (int i = 0; i < rows.Count; i++)
        {
            bool useStrong = probability[i] < threshold;
            strong += useStrong ? 1 : 0;
            correct += (useStrong ? rows[i].StrongCorrect : rows[i].WeakCorrect) ? 1 : 0;
        }

        return (Math.Round((double)strong / rows.Count, 4), Math.Round((double)correct / rows.Count, 4));
    }

    private static void CheckTrainable(IReadOnlyList<RecordedOutcome> rows)
    {
        if (rows.Count < 10)
        {
            throw new ArgumentException($"a learned router needs at least 10 recorded outcomes, not {rows.Count}", nameof(rows));
        }

        foreach ((string name, Func<RecordedOutcome, bool> label) in new (string, Func<RecordedOutcome, bool>)[]
        {
            ("weak model suffices", r => r.WeakSuffices), ("weak model correct", r => r.WeakCorrect), ("strong model correct", r => r.StrongCorrect),
        })
        {
            if (rows.All(label) || !rows.Any(label))
            {
                throw new ArgumentException($"'{name}' is the same on every row, so there is nothing to learn; record outcomes where it varies", nameof(rows));
            }
        }
    }

    /// <summary>Numbers the fits as they start ("fit 2/7 at 14 s: ...").</summary>
    private sealed class FitProgress(IProgress<string>? progress, int total, Stopwatch clock)
    {
        private int _started;

        public void Starting(string what) =>
            progress?.Report(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"fit {++_started}/{total} at {clock.Elapsed.TotalSeconds:F0} s: {what}"));
    }
}
