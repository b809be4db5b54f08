namespace ModelAlloy.Evaluation.Replay.Policies;

/// <summary>A rule: the longer the prompt, the sooner it goes to the strong model.</summary>
public sealed class LengthPolicy : IReplayPolicy
{
    /// <inheritdoc />
    public string Name => "length";

    /// <inheritdoc />
    public bool Learns => false;

    /// <inheritdoc />
    public bool Randomized => false;

    /// <inheritdoc />
    public PolicyScores Score(ReplaySplit split, int seed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(split);
        return new PolicyScores(split.Test.Select(o => (double)o.Prompt.Length).ToArray());
    }
}
