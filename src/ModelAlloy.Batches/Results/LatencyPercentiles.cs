namespace ModelAlloy.Batches.Results;

/// <summary>Latency percentiles by the nearest-rank method (the smallest value with at least p% of values at or below it).</summary>
/// <param name="P50">The median, in milliseconds.</param>
/// <param name="P95">The 95th percentile, in milliseconds.</param>
/// <param name="P99">The 99th percentile, in milliseconds.</param>
public sealed record LatencyPercentiles(double P50, double P95, double P99)
{
    /// <summary>Computes the percentiles of <paramref name="latencies"/> (all zero when there are none).</summary>
    /// <param name="latencies">The latencies in milliseconds.</param>
    /// <returns>The percentiles.</returns>
    public static LatencyPercentiles Of(IEnumerable<double> latencies)
    {
        ArgumentNullException.ThrowIfNull(latencies);
        double[] sorted = [.. latencies.Order()];
        return sorted.Length == 0 ? new(0, 0, 0) : new(Rank(sorted, 50), Rank(sorted, 95), Rank(sorted, 99));
    }

    private static double Rank(double[] sorted, int percent) =>
        sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
