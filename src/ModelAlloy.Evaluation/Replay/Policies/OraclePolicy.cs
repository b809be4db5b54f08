namespace ModelAlloy.Evaluation.Replay.Policies;

/// <summary>
/// Knows the outcomes: escalates first the requests the strong model fixes, last those it breaks. The ceiling;
/// its APGR exceeds 1 because it also keeps the weak model's answers where the strong model is wrong.
/// </summary>
public sealed class OraclePolicy : IReplayPolicy
{
    /// <inheritdoc />
    public string Name => "oracle";

    /// <inheritdoc />
    public bool Learns => false;

    /// <inheritdoc />
    public bool Randomized => false;

    /// <inheritdoc />
    public PolicyScores Score(ReplaySplit split, int seed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(split);
        return new PolicyScores(split.Test.Select(o => (double)o.EscalationGain).ToArray());
    }
}
