using ModelAlloy.Evaluation.Replay;
using ModelAlloy.Evaluation.Routing;

namespace ModelAlloy.Evaluation.Tests.Routing;

public sealed class LearnedRouterTests
{
    private static readonly LearnedRouterOptions Options = new() { Permutations = 300 };

    [Fact]
    public void A_router_trained_on_a_known_signal_beats_random_by_the_margin_that_signal_allows()
    {
        ReplaySplit split = ReplaySplits.InDistribution(SyntheticOutcomes.Create(1200, signal: true, seed: 1), seed: 0);

        LearnedRouter router = LearnedRouterTrainer.Train(split.Train, Options);
        double learned = Apgr(split.Test, router);
        // The best any router can do with this signal: escalate every hard prompt before any easy one.
        double knowingTheMarker = RoutingMetrics.Apgr(RoutingCurve.FromScores(split.Test, split.Test.Select(o => SyntheticOutcomes.IsHard(o) ? 1.0 : 0.0).ToArray()));

        Assert.True(knowingTheMarker - 0.5 > 0.2, $"the synthetic signal is too weak to test with ({knowingTheMarker:F3})");
        Assert.True(learned - 0.5 >= 0.9 * (knowingTheMarker - 0.5), $"learned APGR {learned:F3}; knowing the marker gives {knowingTheMarker:F3}");
        Assert.True(router.Manifest.KnownTaskTypes!.Routes, router.Manifest.KnownTaskTypes.Describe());
        Assert.All(router.Manifest.TaskTypes.Values, v => Assert.True(v.Routes, v.Describe()));
        Assert.True(router.Manifest.UnseenTaskTypes!.Routes, router.Manifest.UnseenTaskTypes.Describe());
    }

    [Fact]
    public void A_router_learns_how_length_matters_differently_per_task_type_which_no_linear_model_can()
    {
        // Type "long-hard": the weak model fails the longer 60% of its prompts; type "short-hard": the shorter 30%. The
        // words are the same filler everywhere, and the strong model is right 95% of the time. A linear model sees one slope for
        // length across both types (they cancel) and the types' rates: it can only rank one type above the other. The
        // trees split on the prior, then on length. With 2,200 training rows the trees are in the model (2,000 at least). Measured: 0.81 with the trees, 0.60 without, 0.59 by the rate.
        var random = new Random(3);
        RecordedOutcome[] rows = Enumerable.Range(0, 4400).Select(i =>
        {
            bool longHard = i % 2 == 0;
            int words = 4 + random.Next(40);
            string prompt = string.Join(" ", Enumerable.Range(0, words).Select(_ => SyntheticOutcomes.Filler[random.Next(SyntheticOutcomes.Filler.Length)])) + "?";
            bool weakWrong = longHard ? words >= 20 : words < 16;
            return new RecordedOutcome($"{i}", longHard ? "long-hard" : "short-hard", prompt, !weakWrong, StrongCorrect: random.NextDouble() < 0.95);
        }).ToArray();
        ReplaySplit split = ReplaySplits.InDistribution(rows, seed: 0);

        LearnedRouter router = LearnedRouterTrainer.Fit(split.Train, Options);
        double learned = Apgr(split.Test, router);
        TaskTypePriors priors = TaskTypePriors.From(split.Train);
        double byTaskType = RoutingMetrics.Apgr(RoutingCurve.FromScores(split.Test, split.Test.Select(o => 1 - priors.For(o.TaskType).WeakSuffices).ToArray()));

        Assert.True(learned > byTaskType + 0.15, $"learned APGR {learned:F3}; the task type's rate alone gives {byTaskType:F3}");
        Assert.Contains(router.Manifest.Features, f => f.StartsWith("heads: logistic regressions and boosted trees", StringComparison.Ordinal));
    }

    [Fact]
    public void A_router_trained_on_fewer_rows_than_the_trees_need_is_the_logistic_regressions_alone()
    {
        RecordedOutcome[] rows = SyntheticOutcomes.Create(400, signal: true, seed: 5);

        LearnedRouter small = LearnedRouterTrainer.Fit(rows, Options);
        LearnedRouter withTrees = LearnedRouterTrainer.Fit(rows, Options with { MinimumRowsForTrees = 100 });

        Assert.Contains(small.Manifest.Features, f => f.Contains("no boosted trees", StringComparison.Ordinal));
        Assert.Contains(withTrees.Manifest.Features, f => f.StartsWith("heads: logistic regressions and boosted trees", StringComparison.Ordinal));
        double[] a = small.PredictWeakSuffices(rows.Select(RouteFeatures.From)).ToArray();
        double[] b = withTrees.PredictWeakSuffices(rows.Select(RouteFeatures.From)).ToArray();
        Assert.Contains(Enumerable.Range(0, rows.Length), i => Math.Abs(a[i] - b[i]) > 1e-3);
    }

    [Fact]
    public void Training_reports_each_fit_as_it_starts()
    {
        RecordedOutcome[] rows = SyntheticOutcomes.Create(300, signal: true, seed: 4);
        var lines = new List<string>();

        LearnedRouterTrainer.Train(rows, Options, progress: new Lines(lines));

        // 3 folds stratified by task type, 3 grouped by task type, then the final fit on every row.
        Assert.Equal(7, lines.Count);
        Assert.All(lines.Select((line, i) => (line, i)), x => Assert.StartsWith($"fit {x.i + 1}/7 at ", x.line));
        Assert.Equal(3, lines.Count(l => l.Contains("stratified by task type", StringComparison.Ordinal)));
        Assert.Equal(3, lines.Count(l => l.Contains("grouped by task type", StringComparison.Ordinal)));
        Assert.EndsWith("the router on all 300 rows", lines[^1]);
    }

    private sealed class Lines(List<string> lines) : IProgress<string>
    {
        public void Report(string value) => lines.Add(value);
    }

    [Fact]
    public void A_router_trained_on_noise_is_no_better_than_random_and_knows_it()
    {
        // At a 5% significance level one noise draw in twenty passes the permutation test by chance: data seeds 20..29
        // gave one such draw (24), and so does seed 2 since the task-type priors replaced the one-hot task type. This
        // draw (p about 0.6) is a typical one, not a borderline one.
        ReplaySplit split = ReplaySplits.InDistribution(SyntheticOutcomes.Create(1200, signal: false, seed: 20), seed: 0);

        LearnedRouter router = LearnedRouterTrainer.Train(split.Train, Options);
        double learned = Apgr(split.Test, router);

        Assert.InRange(learned, 0.38, 0.62);
        Assert.False(router.Manifest.KnownTaskTypes!.Routes, router.Manifest.KnownTaskTypes.Describe());
        Assert.False(router.Manifest.UnseenTaskTypes!.Routes, router.Manifest.UnseenTaskTypes.Describe());
        Assert.True(router.Manifest.TaskTypes.Values.Count(v => !v.Routes) >= 3, string.Join("; ", router.Manifest.TaskTypes.Values.Select(v => v.Describe())));
    }

    [Fact]
    public void Where_validation_found_no_signal_the_router_falls_back_to_the_default_and_says_why()
    {
        LearnedRouter router = LearnedRouterTrainer.Train(SyntheticOutcomes.Create(600, signal: false, seed: 3), Options);
        string type = router.Manifest.TaskTypes.First(t => !t.Value.Routes).Key;

        RouteDecision byDefault = router.Decide(new RouteFeatures("river stone integral?", type));
        RouteDecision toWeak = router.Decide(new RouteFeatures("river stone integral?", type), RouterTier.Weak);
        RouteDecision unseen = router.Decide(new RouteFeatures("river stone integral?", "never-seen"));

        Assert.True(byDefault.FellBack);
        Assert.True(byDefault.UseStrong);
        Assert.Contains("no-better-than-random", byDefault.Reason);
        Assert.Contains($"'{type}'", byDefault.Reason);
        Assert.False(toWeak.UseStrong);
        Assert.True(unseen.FellBack);
        Assert.Contains("not in training", unseen.Reason);
    }

    [Fact]
    public void Where_validation_found_a_signal_the_threshold_decides()
    {
        LearnedRouter router = LearnedRouterTrainer.Train(SyntheticOutcomes.Create(600, signal: true, seed: 4), Options with { Calibration = CalibrationTarget.StrongShare(0.5) });

        RouteDecision hard = router.Decide(new RouteFeatures("river stone integral metal?", "type1"));
        RouteDecision easy = router.Decide(new RouteFeatures("river stone capital metal?", "type1"));

        Assert.False(hard.FellBack);
        Assert.True(hard.UseStrong, hard.Reason);
        Assert.False(easy.UseStrong, easy.Reason);
        Assert.True(hard.ProbabilityWeakSuffices < easy.ProbabilityWeakSuffices);
        Assert.InRange(router.Manifest.ValidationStrongShare, 0.45, 0.55);
    }

    [Fact]
    public void A_saved_and_loaded_router_decides_exactly_as_the_one_in_memory()
    {
        RecordedOutcome[] rows = SyntheticOutcomes.Create(500, signal: true, seed: 5);
        LearnedRouter trained = LearnedRouterTrainer.Train(rows, Options);
        string dir = Directory.CreateTempSubdirectory("alloy-router-").FullName;
        try
        {
            string manifestPath = trained.Save(Path.Combine(dir, "router.zip"));
            LearnedRouter loaded = LearnedRouter.Load(manifestPath);

            var requests = SyntheticOutcomes.Create(60, signal: true, seed: 6).Select(RouteFeatures.From)
                .Append(new RouteFeatures("river integral", "never-seen", "support-triage", "classify"))
                .ToArray();
            Assert.Equal(trained.PredictWeakSuffices(requests), loaded.PredictWeakSuffices(requests));
            Assert.Equal(requests.Select(r => trained.Decide(r)), requests.Select(r => loaded.Decide(r)));
            Assert.Equal(trained.Manifest.ModelVersion, loaded.Manifest.ModelVersion);
            Assert.Equal(trained.Manifest.Threshold, loaded.Manifest.Threshold);
            Assert.Equal(trained.Manifest.TaskTypes.Keys, loaded.Manifest.TaskTypes.Keys);
            Assert.Same(loaded.GetType(), LearnedRouter.Load(Path.Combine(dir, "router.zip")).GetType());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_model_file_that_does_not_match_its_manifest_is_refused()
    {
        LearnedRouter trained = LearnedRouterTrainer.Fit(SyntheticOutcomes.Create(200, signal: true, seed: 7));
        string dir = Directory.CreateTempSubdirectory("alloy-router-").FullName;
        try
        {
            string manifestPath = trained.Save(Path.Combine(dir, "router.zip"));
            File.AppendAllText(Path.Combine(dir, "router.zip"), "tampered");

            var ex = Assert.Throws<InvalidDataException>(() => LearnedRouter.Load(manifestPath));
            Assert.Contains("does not match its manifest", ex.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static double Apgr(IReadOnlyList<RecordedOutcome> test, LearnedRouter router) =>
        RoutingMetrics.Apgr(RoutingCurve.FromScores(test, router.PredictWeakSuffices(test.Select(RouteFeatures.From)).Select(p => 1 - p).ToArray()));
}
