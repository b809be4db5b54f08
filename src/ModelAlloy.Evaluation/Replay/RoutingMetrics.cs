namespace ModelAlloy.Evaluation.Replay;

/// <summary>
/// RouteLLM's metrics (Ong et al. 2024, arXiv 2406.18665; <c>routellm/evals/evaluate.py</c>) on a
/// <see cref="RoutingCurve"/>. With W the weak model's quality alone and S the strong model's:
/// <list type="bullet">
/// <item><b>PGR(c)</b>, performance gap recovered at strong share c: (quality(c) − W) / (S − W).</item>
/// <item><b>APGR</b>, average PGR over the strong share from 0 to 100%: ∫₀¹ PGR(c) dc, by the trapezoid rule over the
/// curve's points, which is exact for the piecewise-linear curve. RouteLLM computes the same integral
/// (<c>np.trapz</c> of accuracy over strong share, minus the weak and strong areas) on the 11 points of
/// deciles of its router's scores; here every distinct score is a point, so no resolution is lost. A random router
/// has APGR 0.5 in expectation; an oracle exceeds 1, because it also keeps the weak model's answers
/// where the strong model is wrong.</item>
/// <item><b>CPT(x%)</b>, call-performance threshold: the minimum strong share at which PGR reaches x/100 — the first
/// crossing of W + x/100·(S − W) walking the curve from share 0, interpolated linearly within the crossing segment.
/// RouteLLM's <c>np.interp</c> of the accuracy array is the same number whenever its curve is monotone; the first
/// crossing is the definition ("minimum share") where a curve dips.</item>
/// </list>
/// </summary>
public static class RoutingMetrics
{
    /// <summary>Returns the performance gap recovered at quality <paramref name="quality"/>.</summary>
    /// <param name="curve">The curve (its ends give W and S).</param>
    /// <param name="quality">A quality, 0..1.</param>
    /// <returns>(quality − W) / (S − W).</returns>
    /// <exception cref="InvalidOperationException">The strong model is no better than the weak one, so there is no gap.</exception>
    public static double PerformanceGapRecovered(RoutingCurve curve, double quality) => (quality - curve.WeakQuality) / Gap(curve);

    /// <summary>Returns APGR: the average performance gap recovered over strong shares 0..1.</summary>
    /// <param name="curve">The curve.</param>
    /// <returns>APGR (0.5 for a random router in expectation).</returns>
    public static double Apgr(RoutingCurve curve)
    {
        ArgumentNullException.ThrowIfNull(curve);
        double gap = Gap(curve);
        double area = 0;
        for (int i = 1; i < curve.Points.Count; i++)
        {
            CurvePoint a = curve.Points[i - 1], b = curve.Points[i];
            area += (b.StrongShare - a.StrongShare) * (a.Quality + b.Quality) / 2;
        }

        return (area - curve.WeakQuality) / gap;
    }

    /// <summary>Returns CPT(x%): the minimum strong share whose quality recovers <paramref name="percent"/>% of the gap.</summary>
    /// <param name="curve">The curve.</param>
    /// <param name="percent">The share of the gap to recover, in percent (0..100).</param>
    /// <returns>The strong share, 0..1.</returns>
    public static double Cpt(RoutingCurve curve, double percent)
    {
        ArgumentNullException.ThrowIfNull(curve);
        ArgumentOutOfRangeException.ThrowIfLessThan(percent, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        double target = curve.WeakQuality + (percent / 100 * Gap(curve));
        if (curve.Points[0].Quality >= target)
        {
            return 0;
        }

        for (int i = 1; i < curve.Points.Count; i++)
        {
            CurvePoint a = curve.Points[i - 1], b = curve.Points[i];
            if (b.Quality >= target)
            {
                return a.StrongShare + ((b.StrongShare - a.StrongShare) * (target - a.Quality) / (b.Quality - a.Quality));
            }
        }

        return 1;
    }

    private static double Gap(RoutingCurve curve)
    {
        double gap = curve.StrongQuality - curve.WeakQuality;
        return gap > 0
            ? gap
            : throw new InvalidOperationException(
                $"the strong model ({curve.StrongQuality * 100:F1}%) is no better than the weak one ({curve.WeakQuality * 100:F1}%) on these requests, so there is no gap to recover");
    }
}
