using ModelAlloy.Evaluation.Replay;

namespace ModelAlloy.Evaluation.Tests.Replay;

public sealed class RoutingMetricsTests
{
    // A tiny table worked out by hand. Four requests (w = weak correct, s = strong correct, score = router's):
    //   r2: w=1 s=1 gain  0, score 0.9   (escalated first)
    //   r1: w=0 s=1 gain +1, score 0.6
    //   r4: w=1 s=0 gain -1, score 0.4
    //   r3: w=0 s=1 gain +1, score 0.1   (escalated last)
    // Weak alone: 2/4 = 0.50 correct; strong alone: 3/4 = 0.75; gap 0.25.
    // Curve (share, quality): (0, .50) (.25, .50) (.50, .75) (.75, .50) (1, .75).
    // Area (trapezoids of width .25): .125 + .15625 + .15625 + .15625 = .59375.
    // APGR = (.59375 − .50) / .25 = 0.375.
    // CPT(50%): target .50 + .5·.25 = .625, first reached on the segment (.25,.50)→(.50,.75): .25 + .25·(.125/.25) = .375.
    // CPT(80%): target .70 on the same segment: .25 + .25·(.20/.25) = .45.
    // CPT(100%): target .75, reached at the point .50 (not at .75 → 1 on the later rise).
    private static readonly RecordedOutcome[] Table =
    [
        new("r1", "t", "p1", WeakCorrect: false, StrongCorrect: true),
        new("r2", "t", "p2", WeakCorrect: true, StrongCorrect: true),
        new("r3", "t", "p3", WeakCorrect: false, StrongCorrect: true),
        new("r4", "t", "p4", WeakCorrect: true, StrongCorrect: false),
    ];

    private static readonly double[] Scores = [0.6, 0.9, 0.1, 0.4];

    [Fact]
    public void The_curve_escalates_the_highest_scores_first()
    {
        var curve = RoutingCurve.FromScores(Table, Scores);

        Assert.Equal(
            [new(0, 0.5), new(0.25, 0.5), new(0.5, 0.75), new(0.75, 0.5), new(1, 0.75)],
            curve.Points);
        Assert.Equal(0.5, curve.WeakQuality);
        Assert.Equal(0.75, curve.StrongQuality);
    }

    [Fact]
    public void Apgr_is_the_area_between_the_curve_and_the_weak_model_over_the_gap()
    {
        Assert.Equal(0.375, RoutingMetrics.Apgr(RoutingCurve.FromScores(Table, Scores)), 12);
    }

    [Theory]
    [InlineData(50, 0.375)]
    [InlineData(80, 0.45)]
    [InlineData(100, 0.5)]
    [InlineData(0, 0)]
    public void Cpt_is_the_first_share_that_recovers_the_gap_fraction(double percent, double expected)
    {
        Assert.Equal(expected, RoutingMetrics.Cpt(RoutingCurve.FromScores(Table, Scores), percent), 12);
    }

    [Fact]
    public void Tied_scores_are_one_segment_the_expected_curve_of_a_random_tie_break()
    {
        // r1 and r3 tie: no threshold separates them, so the curve goes (0,.5) → (.5,1.0) in one step.
        var curve = RoutingCurve.FromScores(Table, [0.5, 0.2, 0.5, 0.1]);

        Assert.Equal([new(0, 0.5), new(0.5, 1.0), new(0.75, 1.0), new(1, 0.75)], curve.Points);
        // Area: (.5 + 1)/2·.5 + 1·.25 + (1 + .75)/2·.25 = .375 + .25 + .21875 = .84375; APGR (.84375 − .5)/.25 = 1.375.
        Assert.Equal(1.375, RoutingMetrics.Apgr(curve), 12);
    }

    [Fact]
    public void The_oracle_recovers_more_than_the_whole_gap_and_a_reversed_oracle_less_than_none()
    {
        double[] gain = Table.Select(o => (double)o.EscalationGain).ToArray();

        double oracle = RoutingMetrics.Apgr(RoutingCurve.FromScores(Table, gain));
        double reversed = RoutingMetrics.Apgr(RoutingCurve.FromScores(Table, gain.Select(g => -g).ToArray()));

        Assert.True(oracle > 1, $"oracle APGR {oracle}");
        Assert.True(reversed < 0, $"reversed APGR {reversed}");
    }

    [Fact]
    public void A_random_router_recovers_half_the_gap_on_average()
    {
        var random = new Random(7);
        var rows = Enumerable.Range(0, 4000)
            .Select(i => new RecordedOutcome($"r{i}", "t", "p", random.NextDouble() < 0.6, random.NextDouble() < 0.8))
            .ToArray();

        double mean = Enumerable.Range(0, 20)
            .Select(_ => RoutingMetrics.Apgr(RoutingCurve.FromScores(rows, rows.Select(_ => random.NextDouble()).ToArray())))
            .Average();

        Assert.InRange(mean, 0.47, 0.53);
    }

    [Fact]
    public void No_gap_between_the_models_is_an_error_not_a_division_by_zero()
    {
        RecordedOutcome[] same = [new("a", "t", "p", true, true), new("b", "t", "p", false, false)];

        var ex = Assert.Throws<InvalidOperationException>(() => RoutingMetrics.Apgr(RoutingCurve.FromScores(same, [1, 0])));
        Assert.Contains("no gap", ex.Message);
    }
}
