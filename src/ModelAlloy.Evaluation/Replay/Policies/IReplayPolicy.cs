namespace ModelAlloy.Evaluation.Replay.Policies;

/// <summary>
/// A routing policy under replay: it scores each test request (higher: send to the strong model sooner), and the
/// threshold sweep over those scores gives its <see cref="RoutingCurve"/>.
/// </summary>
public interface IReplayPolicy
{
    /// <summary>Gets the policy's row name in the replay table.</summary>
    string Name { get; }

    /// <summary>Gets whether the policy learns from <see cref="ReplaySplit.Train"/> (otherwise it is scored on all rows).</summary>
    bool Learns { get; }

    /// <summary>Gets whether its scores depend on the seed (so it is run once per seed).</summary>
    bool Randomized { get; }

    /// <summary>Scores the split's test rows.</summary>
    /// <param name="split">The rows to learn from and the rows to score.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="cancellationToken">Cancels the scoring.</param>
    /// <returns>One score per test row, and an optional note for the report.</returns>
    PolicyScores Score(ReplaySplit split, int seed, CancellationToken cancellationToken);
}

/// <summary>A policy's scores for one split.</summary>
/// <param name="Scores">One score per test row (higher: escalate sooner).</param>
/// <param name="Note">What the report should say about this run, or null.</param>
public sealed record PolicyScores(IReadOnlyList<double> Scores, string? Note = null);
