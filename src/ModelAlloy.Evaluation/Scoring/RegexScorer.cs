using System.Text.RegularExpressions;
using ModelAlloy.Evaluation.Datasets;

namespace ModelAlloy.Evaluation.Scoring;

/// <summary>
/// 1 when the output matches a regular expression: <paramref name="pattern"/> when given, else the item's reference
/// read as a pattern; else 0. Patterns run with a timeout, so a pathological pattern fails the item, not the run.
/// </summary>
/// <param name="pattern">A fixed pattern, or null to use each item's reference.</param>
/// <param name="options">Regex options (case-insensitive by default).</param>
public sealed class RegexScorer(string? pattern = null, RegexOptions options = RegexOptions.IgnoreCase) : IScorer
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);
    private readonly Regex? _fixed = pattern is null ? null : new Regex(pattern, options | RegexOptions.CultureInvariant, Timeout);

    /// <inheritdoc />
    public string Name => "regex";

    /// <inheritdoc />
    public ValueTask<Score> ScoreAsync(EvalItem item, string output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(output);
        Regex regex;
        try
        {
            regex = _fixed ?? new Regex(item.ReferenceText ?? "", options | RegexOptions.CultureInvariant, Timeout);
        }
        catch (ArgumentException ex)
        {
            return ValueTask.FromResult(Score.Fail($"item {item.Id}'s reference is not a valid pattern: {ex.Message}"));
        }

        try
        {
            return ValueTask.FromResult(regex.IsMatch(output)
                ? Score.Pass($"matches /{regex}/")
                : Score.Fail($"/{regex}/ does not match {TextNormalizer.Quote(output)}"));
        }
        catch (RegexMatchTimeoutException)
        {
            return ValueTask.FromResult(Score.Fail($"/{regex}/ timed out on the output"));
        }
    }
}
