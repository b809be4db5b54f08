using ModelAlloy.Evaluation.Datasets;

namespace ModelAlloy.Evaluation.Scoring;

/// <summary>1 when the output equals the item's reference (trimmed; case-insensitive by default), else 0.</summary>
/// <param name="ignoreCase">Whether case is ignored.</param>
public sealed class ExactMatchScorer(bool ignoreCase = true) : IScorer
{
    /// <inheritdoc />
    public string Name => "exact-match";

    /// <inheritdoc />
    public ValueTask<Score> ScoreAsync(EvalItem item, string output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(output);
        string? reference = item.ReferenceText;
        if (reference is null)
        {
            return ValueTask.FromResult(Score.Fail($"item {item.Id} has no reference to match"));
        }

        bool match = TextNormalizer.Normalize(output, ignoreCase) == TextNormalizer.Normalize(reference, ignoreCase);
        return ValueTask.FromResult(match
            ? Score.Pass($"matches {TextNormalizer.Quote(reference)}")
            : Score.Fail($"expected {TextNormalizer.Quote(reference)}, got {TextNormalizer.Quote(output)}"));
    }
}
