namespace ModelAlloy.Evaluation.Replay;

/// <summary>
/// Quality against strong-call share for a router's scores: sweeping the threshold from "nothing escalated" to
/// "everything escalated" sends the requests with the highest scores to the strong model first. Requests with equal
/// scores cannot be separated by any threshold, so a tie group is one straight segment (the expected curve under a
/// random tie-break). The curve starts at the weak model alone (share 0) and ends at the strong model alone (share 1).
/// </summary>
public sealed class RoutingCurve
{
    private RoutingCurve(IReadOnlyList<CurvePoint> points) => Points = points;

    /// <summary>Gets the points, by increasing strong share, from share 0 to share 1.</summary>
    public IReadOnlyList<CurvePoint> Points { get; }

    /// <summary>Gets the weak model's quality alone (the curve at share 0).</summary>
    public double WeakQuality => Points[0].Quality;

    /// <summary>Gets the strong model's quality alone (the curve at share 1).</summary>
    public double StrongQuality => Points[^1].Quality;

    /// <summary>Builds the curve of <paramref name="scores"/> (higher: escalate sooner) on <paramref name="outcomes"/>.</summary>
    /// <param name="outcomes">The recorded outcomes.</param>
    /// <param name="scores">One score per outcome, same order.</param>
    /// <returns>The curve.</returns>
    public static RoutingCurve FromScores(IReadOnlyList<RecordedOutcome> outcomes, IReadOnlyList<double> scores)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(scores);
        if (outcomes.Count == 0 || outcomes.Count != scores.Count)
        {
            throw new ArgumentException($"need one score per outcome and at least one outcome (got {scores.Count} scores for {outcomes.Count} outcomes)", nameof(scores));
        }

        if (scores.Any(double.IsNaN))
        {
            throw new ArgumentException("a score is NaN", nameof(scores));
        }

        int n = outcomes.Count;
        int[] order = Enumerable.Range(0, n).OrderByDescending(i => scores[i]).ToArray();
        double correct = outcomes.Count(o => o.WeakCorrect);
        var points = new List<CurvePoint> { new(0, correct / n) };
        for (int k = 0; k < n;)
        {
            double score = scores[order[k]];
            for (; k < n && scores[order[k]] == score; k++)
            {
                correct += outcomes[order[k]].EscalationGain;
            }

            points.Add(new CurvePoint((double)k / n, correct / n));
        }

        return new RoutingCurve(points);
    }

    /// <summary>Builds a curve from explicit points (sorted by share, from 0 to 1), e.g. a hand-computed one in a test.</summary>
    /// <param name="points">The points.</param>
    /// <returns>The curve.</returns>
    public static RoutingCurve FromPoints(IReadOnlyList<CurvePoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count < 2 || points[0].StrongShare != 0 || points[^1].StrongShare != 1)
        {
            throw new ArgumentException("a curve runs from share 0 to share 1 with at least two points", nameof(points));
        }

        for (int i = 1; i < points.Count; i++)
        {
            if (points[i].StrongShare < points[i - 1].StrongShare)
            {
                throw new ArgumentException("points must be sorted by strong share", nameof(points));
            }
        }

        return new RoutingCurve(points.ToArray());
    }

    /// <summary>Returns the quality at <paramref name="share"/>, interpolating linearly between points.</summary>
    /// <param name="share">A strong share, 0..1.</param>
    /// <returns>The quality.</returns>
    public double QualityAt(double share)
    {
        share = Math.Clamp(share, 0, 1);
        for (int i = 1; i < Points.Count; i++)
        {
            CurvePoint a = Points[i - 1], b = Points[i];
            if (share <= b.StrongShare)
            {
                double width = b.StrongShare - a.StrongShare;
                return width == 0 ? b.Quality : a.Quality + ((b.Quality - a.Quality) * (share - a.StrongShare) / width);
            }
        }

        return StrongQuality;
    }
}
