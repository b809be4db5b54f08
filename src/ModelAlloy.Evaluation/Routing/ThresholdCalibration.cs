using ModelAlloy.Evaluation.Replay;

namespace ModelAlloy.Evaluation.Routing;

/// <summary>Chooses the threshold on P(weak suffices) that meets a <see cref="CalibrationTarget"/> on validation predictions.</summary>
internal static class ThresholdCalibration
{
    /// <summary>Returns the threshold: requests whose probability is below it go to the strong model.</summary>
    public static double Choose(IReadOnlyList<RecordedOutcome> rows, IReadOnlyList<double> probabilityWeakSuffices, CalibrationTarget target)
    {
        double share = target.Kind switch
        {
            CalibrationKind.StrongShare => target.Value,
            CalibrationKind.GapRecovered => ShareForGap(rows, probabilityWeakSuffices, target.Value),
            _ => ShareForQuality(RoutingCurve.FromScores(rows, probabilityWeakSuffices.Select(p => -p).ToArray()), target.Value),
        };
        return ThresholdForShare(probabilityWeakSuffices, share);
    }

    public static double ThresholdForShare(IReadOnlyList<double> probabilities, double share)
    {
        double[] sorted = probabilities.Order().ToArray();
        int k = (int)Math.Round(share * sorted.Length);
        return k switch
        {
            <= 0 => sorted[0],
            _ when k >= sorted.Length => Math.BitIncrement(sorted[^1]),
            _ => (sorted[k - 1] + sorted[k]) / 2,
        };
    }

    private static double ShareForGap(IReadOnlyList<RecordedOutcome> rows, IReadOnlyList<double> probabilities, double fraction)
    {
        var curve = RoutingCurve.FromScores(rows, probabilities.Select(p => -p).ToArray());
        return curve.StrongQuality > curve.WeakQuality ? RoutingMetrics.Cpt(curve, fraction * 100) : 0;
    }

    private static double ShareForQuality(RoutingCurve curve, double quality)
    {
        CurvePoint best = curve.Points.MaxBy(p => p.Quality);
        if (quality > best.Quality)
        {
            return best.StrongShare;
        }

        if (curve.Points[0].Quality >= quality)
        {
            return 0;
        }

        for (int i = 1; i < curve.Points.Count; i++)
        {
            CurvePoint a = curve.Points[i - 1], b = curve.Points[i];
            if (b.Quality >= quality)
            {
                return a.StrongShare + ((b.StrongShare - a.StrongShare) * (quality - a.Quality) / (b.Quality - a.Quality));
            }
        }

        return 1;
    }
}
