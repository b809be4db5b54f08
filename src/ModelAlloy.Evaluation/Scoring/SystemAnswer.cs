namespace ModelAlloy.Evaluation.Scoring;

/// <summary>What a system under test answered for one item, as an <see cref="IAnswerScorer"/> sees it.</summary>
/// <param name="Output">The answer text.</param>
/// <param name="Route">The route its router stage took, or null when it has none.</param>
/// <param name="RunId">The run's id (a judge records its own cost under <c>{RunId}/judge</c>).</param>
public sealed record SystemAnswer(string Output, string? Route, string RunId);
