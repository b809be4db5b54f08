using ModelAlloy.Evaluation.Replay.Policies;

namespace ModelAlloy.Evaluation.Replay;

/// <summary>
/// Replays routing policies on recorded outcomes at zero model cost. Policies that learn nothing are scored on every
/// row (the random one once per seed); the learned router is trained and tested per seed on two splits:
/// <c>learned-in-distribution</c> (half of each task type's rows train, the other half test) and
/// <c>learned-unseen-subjects</c> (half of the task types train, the other half test).
/// </summary>
public static class ReplayEvaluator
{
    /// <summary>The policies of a replay, in table order.</summary>
    /// <param name="options">The options.</param>
    /// <returns>The policies.</returns>
    /// <exception cref="ArgumentException"><see cref="ReplayOptions.Only"/> names a policy that is not there.</exception>
    public static IReadOnlyList<IReplayPolicy> DefaultPolicies(ReplayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var policies = new List<IReplayPolicy> { new RandomPolicy(), new OraclePolicy(), new LengthPolicy(), new KeywordPolicy() };
        if (options.IncludeLearned)
        {
            policies.Add(new LearnedPolicy("learned-in-distribution", options.Router, validateUnseen: false));
            policies.Add(new LearnedPolicy("learned-unseen-subjects", options.Router, validateUnseen: true));
        }

        if (options.Only is { } only)
        {
            string[] unknown = only.Where(name => !policies.Exists(p => p.Name == name)).ToArray();
            if (unknown.Length > 0)
            {
                throw new ArgumentException($"unknown replay polic{(unknown.Length == 1 ? "y" : "ies")} '{string.Join("', '", unknown)}'; choose from {string.Join(", ", policies.Select(p => p.Name))}");
            }

            policies.RemoveAll(p => !only.Contains(p.Name));
        }

        return policies;
    }

    /// <summary>Runs the replay.</summary>
    /// <param name="outcomes">The recorded outcomes.</param>
    /// <param name="options">The options; null uses the defaults.</param>
    /// <param name="progress">Receives one line per finished run, or null.</param>
    /// <param name="cancellationToken">Cancels between runs.</param>
    /// <returns>The report.</returns>
    public static ReplayReport Run(IReadOnlyList<RecordedOutcome> outcomes, ReplayOptions? options = null, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        options ??= new ReplayOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Seeds, 1);
        RequestCostModel costs = options.Costs ?? RequestCostModel.ForPrompts(outcomes.Select(o => o.Prompt));
        var all = new ReplaySplit([], outcomes);
        double weak = outcomes.Average(o => o.WeakCorrect ? 1.0 : 0), strong = outcomes.Average(o => o.StrongCorrect ? 1.0 : 0);
        var rows = new List<ReplayRow>
        {
            new() { Name = "all-weak", EvaluatedOn = "all rows", FixedShare = 0 },
            new() { Name = "all-strong", EvaluatedOn = "all rows", FixedShare = 1 },
        };
        foreach (IReplayPolicy policy in DefaultPolicies(options))
        {
            var curves = new List<RoutingCurve>();
            var notes = new List<string>();
            int runs = policy.Randomized ? options.Seeds : 1;
            for (int seed = 0; seed < runs; seed++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                ReplaySplit split = !policy.Learns ? all
                    : policy.Name.EndsWith("unseen-subjects", StringComparison.Ordinal) ? ReplaySplits.UnseenTaskTypes(outcomes, seed)
                    : ReplaySplits.InDistribution(outcomes, seed);
                PolicyScores scores = policy.Score(split, seed, cancellationToken);
                var curve = RoutingCurve.FromScores(split.Test, scores.Scores);
                curves.Add(curve);
                if (scores.Note is not null)
                {
                    notes.Add(scores.Note);
                }

                progress?.Report(FormattableString.Invariant($"{policy.Name} seed {seed}: APGR {RoutingMetrics.Apgr(curve):F3}"));
            }

            rows.Add(new ReplayRow
            {
                Name = policy.Name,
                EvaluatedOn = Describe(policy, runs),
                Apgr = MetricSummary.Of(curves.Select(RoutingMetrics.Apgr).ToArray()),
                Cpt50 = MetricSummary.Of(curves.Select(c => RoutingMetrics.Cpt(c, 50)).ToArray()),
                Cpt80 = MetricSummary.Of(curves.Select(c => RoutingMetrics.Cpt(c, 80)).ToArray()),
                Curve = MeanCurve(curves, weak, strong),
                Notes = notes,
            });
        }

        return new ReplayReport(
            outcomes.Count,
            outcomes.Select(o => o.TaskType).Distinct(StringComparer.Ordinal).Count(),
            weak,
            strong,
            options.Seeds,
            costs,
            rows);
    }

    private static string Describe(IReplayPolicy policy, int runs) => policy switch
    {
        { Learns: false, Randomized: false } => "all rows",
        { Learns: false } => $"all rows, {Seeds(runs)}",
        _ when policy.Name.EndsWith("unseen-subjects", StringComparison.Ordinal) => $"half the subjects, {Seeds(runs)}",
        _ => $"half of each subject, {Seeds(runs)}",
    };

    private static string Seeds(int runs) => runs == 1 ? "1 seed" : $"{runs} seeds";

    // Test splits differ in their weak and strong quality (an unseen-subjects split holds other subjects than the
    // full data), so each run's curve is drawn as the gap it recovers, on the full data's weak-to-strong scale:
    // every curve then starts at the weak model and ends at the strong one, and its area above the weak line is APGR.
    private static CurvePoint[] MeanCurve(IReadOnlyList<RoutingCurve> curves, double weak, double strong) =>
        Enumerable.Range(0, 101).Select(i => new CurvePoint(i / 100.0, curves.Average(c => OnFullScale(c, i / 100.0, weak, strong)))).ToArray();

    private static double OnFullScale(RoutingCurve curve, double share, double weak, double strong) =>
        curve.StrongQuality > curve.WeakQuality
            ? weak + (RoutingMetrics.PerformanceGapRecovered(curve, curve.QualityAt(share)) * (strong - weak))
            : curve.QualityAt(share);
}
