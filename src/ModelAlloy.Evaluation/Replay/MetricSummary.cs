using System.Globalization;

namespace ModelAlloy.Evaluation.Replay;

/// <summary>A metric over several runs: mean and spread (sample standard deviation; 0 for one run).</summary>
/// <param name="Mean">The mean.</param>
/// <param name="Spread">The sample standard deviation.</param>
/// <param name="Runs">The number of runs.</param>
public readonly record struct MetricSummary(double Mean, double Spread, int Runs)
{
    /// <summary>Summarizes values.</summary>
    /// <param name="values">One value per run.</param>
    /// <returns>The summary.</returns>
    public static MetricSummary Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return new MetricSummary(double.NaN, double.NaN, 0);
        }

        double mean = values.Average();
        double spread = values.Count < 2 ? 0 : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
        return new MetricSummary(mean, spread, values.Count);
    }

    /// <summary>Formats as a number (<c>0.676 ± 0.006</c>).</summary>
    /// <returns>The text.</returns>
    public string AsNumber() => Format("F3", 1);

    /// <summary>Formats as a percentage (<c>27.9% ± 1.2%</c>).</summary>
    /// <returns>The text.</returns>
    public string AsPercent() => Format("F1", 100, "%");

    private string Format(string format, double scale, string unit = "")
    {
        if (Runs == 0)
        {
            return "—";
        }

        string mean = (Mean * scale).ToString(format, CultureInfo.InvariantCulture) + unit;
        return Runs < 2 ? mean : $"{mean} ± {(Spread * scale).ToString(format, CultureInfo.InvariantCulture)}{unit}";
    }
}
