using ModelAlloy.Evaluation.Datasets;

namespace ModelAlloy.Evaluation.Scoring;

/// <summary>
/// Scores one output of the system under test against its dataset item. Asynchronous so that a scorer may call a
/// model (a judge-model rubric scorer records that call's cost in <see cref="Score.CostUsd"/>).
/// </summary>
public interface IScorer
{
    /// <summary>Gets the scorer's name, as reports show it.</summary>
    string Name { get; }

    /// <summary>Scores <paramref name="output"/> for <paramref name="item"/>.</summary>
    /// <param name="item">The dataset item.</param>
    /// <param name="output">What the system under test answered.</param>
    /// <param name="cancellationToken">Cancels the scoring.</param>
    /// <returns>The score.</returns>
    ValueTask<Score> ScoreAsync(EvalItem item, string output, CancellationToken cancellationToken = default);
}
