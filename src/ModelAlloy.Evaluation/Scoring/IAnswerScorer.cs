using ModelAlloy.Evaluation.Datasets;

namespace ModelAlloy.Evaluation.Scoring;

/// <summary>
/// Scores a system's whole answer (its text, its router's route, its run id): what side-by-side runs and
/// <c>alloy compare</c> use. <see cref="TextAnswerScorer"/> adapts any text <see cref="IScorer"/>.
/// </summary>
public interface IAnswerScorer
{
    /// <summary>Gets the scorer's name, as reports show it.</summary>
    string Name { get; }

    /// <summary>Scores <paramref name="answer"/> for <paramref name="item"/>.</summary>
    /// <param name="item">The dataset item.</param>
    /// <param name="answer">The answer.</param>
    /// <param name="cancellationToken">Cancels the scoring.</param>
    /// <returns>The score (with what scoring cost, for a judge).</returns>
    ValueTask<Score> ScoreAsync(EvalItem item, SystemAnswer answer, CancellationToken cancellationToken = default);
}
