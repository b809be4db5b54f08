using ModelAlloy.Evaluation.Replay;
using ModelAlloy.Evaluation.Routing;

namespace ModelAlloy.Evaluation.Tests.Routing;

public sealed class TaskTypePriorsTests
{
    [Fact]
    public void Rates_are_shrunk_toward_the_overall_rates_by_the_strength_in_pseudo_rows()
    {
        // a: 4 rows, weak right on 3, strong right on all; b: 4 rows, weak right on 1, strong right on 2.
        RecordedOutcome[] rows =
        [
            Row("a", true, true), Row("a", true, true), Row("a", true, true), Row("a", false, true),
            Row("b", true, true), Row("b", false, true), Row("b", false, false), Row("b", false, false),
        ];

        TaskTypePriors priors = TaskTypePriors.From(rows, strength: 2);

        // Overall: weak 4/8, strong 6/8, weak suffices (escalating fixes nothing) 6/8 (rows a4 and b2 need the strong model).
        Assert.Equal(new TaskTypePrior(8, 0.75, 0.5, 0.75), priors.Overall);
        // a: suffices (3 + 2×0.75)/6, weak (3 + 2×0.5)/6, strong (4 + 2×0.75)/6.
        Assert.Equal(new TaskTypePrior(4, Math.Round(4.5 / 6, 6), Math.Round(4.0 / 6, 6), Math.Round(5.5 / 6, 6)), priors.For("a"));
        // b: suffices (3 + 1.5)/6, weak (1 + 1)/6, strong (2 + 1.5)/6.
        Assert.Equal(new TaskTypePrior(4, Math.Round(4.5 / 6, 6), Math.Round(2.0 / 6, 6), Math.Round(3.5 / 6, 6)), priors.For("b"));
        Assert.Same(priors.Overall, priors.For("never-seen"));
    }

    [Fact]
    public void A_training_rows_prior_does_not_depend_on_its_own_label()
    {
        RecordedOutcome[] rows = SyntheticOutcomes.Create(200, signal: true, seed: 11);
        TaskTypePrior[] before = TaskTypePriors.OutOfFold(rows, folds: 5, seed: 3);

        for (int i = 0; i < 10; i++)
        {
            RecordedOutcome[] flipped = [.. rows];
            flipped[i] = rows[i] with { WeakCorrect = !rows[i].WeakCorrect, StrongCorrect = !rows[i].StrongCorrect };

            TaskTypePrior[] after = TaskTypePriors.OutOfFold(flipped, folds: 5, seed: 3);

            Assert.Equal(before[i], after[i]);
            Assert.NotEqual(before, after);
        }
    }

    [Fact]
    public void A_manifest_of_the_previous_format_is_refused_with_a_way_out()
    {
        LearnedRouter trained = LearnedRouterTrainer.Fit(SyntheticOutcomes.Create(200, signal: true, seed: 12));
        string dir = Directory.CreateTempSubdirectory("alloy-router-").FullName;
        try
        {
            string manifestPath = trained.Save(Path.Combine(dir, "router.zip"));
            string json = File.ReadAllText(manifestPath);
            Assert.Contains($"\"formatVersion\": {RouterManifest.CurrentFormatVersion}", json);
            Assert.Contains("\"priors\"", json);
            File.WriteAllText(manifestPath, json.Replace($"\"formatVersion\": {RouterManifest.CurrentFormatVersion}", "\"formatVersion\": 1", StringComparison.Ordinal));

            var ex = Assert.Throws<InvalidDataException>(() => LearnedRouter.Load(manifestPath));
            Assert.Contains("retrain the router", ex.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static RecordedOutcome Row(string type, bool weak, bool strong) => new($"{type}:{Guid.NewGuid():N}", type, "prompt", weak, strong);
}
