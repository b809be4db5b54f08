namespace ModelAlloy.Evaluation.SideBySide;

/// <summary>Percentiles by linear interpolation between closest ranks (numpy's default).</summary>
public static class Percentiles
{
    /// <summary>Returns the <paramref name="p"/>-th percentile of <paramref name="values"/> (0 when empty).</summary>
    /// <param name="values">The values, in any order.</param>
    /// <param name="p">The percentile, 0..100.</param>
    /// <returns>The percentile.</returns>
    public static double Of(IEnumerable<double> values, double p)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(p, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 100);
        double[] sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return 0;
        }

        double rank = p / 100 * (sorted.Length - 1);
        int lo = (int)Math.Floor(rank), hi = (int)Math.Ceiling(rank);
        return sorted[lo] + ((sorted[hi] - sorted[lo]) * (rank - lo));
    }
}
