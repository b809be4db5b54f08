using ModelAlloy.Evaluation.Datasets;

namespace ModelAlloy.Evaluation.Scoring;

/// <summary>Scores an answer's text with a text <see cref="IScorer"/> (label, exact, JSON field, numeric, contains, regex).</summary>
/// <param name="inner">The text scorer.</param>
public sealed class TextAnswerScorer(IScorer inner) : IAnswerScorer
{
    /// <inheritdoc />
    public string Name => inner.Name;

    /// <inheritdoc />
    public ValueTask<Score> ScoreAsync(EvalItem item, SystemAnswer answer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return inner.ScoreAsync(item, answer.Output, cancellationToken);
    }
}
