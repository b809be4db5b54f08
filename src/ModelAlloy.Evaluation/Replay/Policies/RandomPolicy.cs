namespace ModelAlloy.Evaluation.Replay.Policies;

/// <summary>Escalates requests in random order: the baseline every router must beat (APGR 0.5 in expectation).</summary>
public sealed class RandomPolicy : IReplayPolicy
{
    /// <inheritdoc />
    public string Name => "random";

    /// <inheritdoc />
    public bool Learns => false;

    /// <inheritdoc />
    public bool Randomized => true;

    /// <inheritdoc />
    public PolicyScores Score(ReplaySplit split, int seed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(split);
        var random = new Random(seed);
        return new PolicyScores(split.Test.Select(_ => random.NextDouble()).ToArray());
    }
}
