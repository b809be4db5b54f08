using ModelAlloy.Evaluation.Datasets;

namespace ModelAlloy.Evaluation.Scoring;

/// <summary>
/// For classification: 1 when the output (trimmed, case-insensitive by default) is one of the item's
/// <see cref="EvalItem.Labels"/>, or equals its reference when it has no labels; else 0.
/// </summary>
/// <param name="ignoreCase">Whether case is ignored.</param>
public sealed class LabelMatchScorer(bool ignoreCase = true) : IScorer
{
    /// <inheritdoc />
    public string Name => "label-match";

    /// <inheritdoc />
    public ValueTask<Score> ScoreAsync(EvalItem item, string output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(output);
        IReadOnlyList<string> expected = item.Labels.Count > 0 ? item.Labels : item.ReferenceText is { } r ? [r] : [];
        if (expected.Count == 0)
        {
            return ValueTask.FromResult(Score.Fail($"item {item.Id} has no labels or reference to match"));
        }

        string got = TextNormalizer.Normalize(output, ignoreCase);
        string? hit = expected.FirstOrDefault(label => TextNormalizer.Normalize(label, ignoreCase) == got);
        return ValueTask.FromResult(hit is not null
            ? Score.Pass($"label {TextNormalizer.Quote(hit)}")
            : Score.Fail($"expected one of [{string.Join(", ", expected)}], got {TextNormalizer.Quote(output)}"));
    }
}
