using System.Globalization;

namespace ModelAlloy.Bench;

/// <summary>Mean, min and nearest-rank percentiles of a sample, in milliseconds.</summary>
internal sealed class Stats
{
    private readonly double[] _sorted;

    public Stats(IEnumerable<double> values)
    {
        _sorted = values.Order().ToArray();
        if (_sorted.Length == 0)
        {
            throw new ArgumentException("no samples", nameof(values));
        }
    }

    public int Count => _sorted.Length;

    public double Mean => _sorted.Average();

    public double Min => _sorted[0];

    public double Max => _sorted[^1];

    public double P50 => Percentile(0.50);

    public double P95 => Percentile(0.95);

    /// <summary>The nearest-rank percentile: the smallest sample with at least <paramref name="p"/> of the samples at or below it.</summary>
    public double Percentile(double p) => _sorted[Math.Clamp((int)Math.Ceiling(p * _sorted.Length) - 1, 0, _sorted.Length - 1)];

    public static string Ms(double value) => value.ToString(value < 10 ? "F2" : "F1", CultureInfo.InvariantCulture);

    public static string Ratio(double value) => value.ToString("F2", CultureInfo.InvariantCulture) + "×";
}
