using System.Globalization;
using System.Text.RegularExpressions;
using ModelAlloy.Evaluation.Datasets;

namespace ModelAlloy.Evaluation.Scoring;

/// <summary>
/// 1 when the first number in the output is within tolerance of the reference number:
/// |output − reference| ≤ max(<paramref name="absolute"/>, <paramref name="relative"/> × |reference|); else 0.
/// Thousands separators (<c>1,234.5</c>) are read.
/// </summary>
/// <param name="absolute">The absolute tolerance.</param>
/// <param name="relative">The relative tolerance (0.01 is 1%).</param>
public sealed partial class NumericToleranceScorer(double absolute = 0, double relative = 0) : IScorer
{
    /// <inheritdoc />
    public string Name => "numeric-tolerance";

    /// <inheritdoc />
    public ValueTask<Score> ScoreAsync(EvalItem item, string output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(output);
        if (FirstNumber(item.ReferenceText) is not { } expected)
        {
            return ValueTask.FromResult(Score.Fail($"item {item.Id}'s reference {TextNormalizer.Quote(item.ReferenceText)} is not a number"));
        }

        if (FirstNumber(output) is not { } got)
        {
            return ValueTask.FromResult(Score.Fail($"no number in {TextNormalizer.Quote(output)}; expected {expected.ToString(CultureInfo.InvariantCulture)}"));
        }

        double tolerance = Math.Max(absolute, relative * Math.Abs(expected));
        double error = Math.Abs(got - expected);
        string detail = FormattableString.Invariant($"got {got}, expected {expected} ± {tolerance} (off by {error})");
        return ValueTask.FromResult(error <= tolerance ? Score.Pass(detail) : Score.Fail(detail));
    }

    internal static double? FirstNumber(string? text)
    {
        if (text is null)
        {
            return null;
        }

        Match match = Number().Match(text);
        return match.Success && double.TryParse(match.Value.Replace(",", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value
            : null;
    }

    [GeneratedRegex(@"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?|[-+]?\.\d+", RegexOptions.CultureInvariant)]
    private static partial Regex Number();
}
