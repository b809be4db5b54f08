using ModelAlloy.Evaluation.Datasets;

namespace ModelAlloy.Evaluation.Scoring;

/// <summary>
/// 1 when the output contains the expected text: <paramref name="expected"/> when given, else the item's reference
/// (case-insensitive by default); else 0.
/// </summary>
/// <param name="expected">Fixed text to look for, or null to use each item's reference.</param>
/// <param name="ignoreCase">Whether case is ignored.</param>
public sealed class ContainsScorer(string? expected = null, bool ignoreCase = true) : IScorer
{
    /// <inheritdoc />
    public string Name => "contains";

    /// <inheritdoc />
    public ValueTask<Score> ScoreAsync(EvalItem item, string output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(output);
        string? needle = expected ?? item.ReferenceText;
        if (string.IsNullOrEmpty(needle))
        {
            return ValueTask.FromResult(Score.Fail($"item {item.Id} has no reference to look for"));
        }

        bool found = output.Contains(needle, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
        return ValueTask.FromResult(found
            ? Score.Pass($"contains {TextNormalizer.Quote(needle)}")
            : Score.Fail($"{TextNormalizer.Quote(needle)} not found in {TextNormalizer.Quote(output)}"));
    }
}
