namespace ModelAlloy.Evaluation.Replay.Policies;

/// <summary>
/// A rule: prompts with more "hard task" keywords (computation, formal logic, negated questions) go to the strong
/// model sooner; ties (most prompts have none) are broken by length. The keyword list is written by hand, not learned.
/// </summary>
/// <param name="keywords">The keywords (case-insensitive); null uses <see cref="DefaultKeywords"/>.</param>
public sealed class KeywordPolicy(IReadOnlyList<string>? keywords = null) : IReplayPolicy
{
    /// <summary>The default keywords.</summary>
    public static readonly IReadOnlyList<string> DefaultKeywords =
    [
        "calculate", "compute", "solve", "how many", "what is the value", "probability", "equation", "derivative",
        "integral", "statement 1", "truth table", "symbolization", "except", " not ", "least", "prove", "estimate",
    ];

    private readonly IReadOnlyList<string> _keywords = keywords ?? DefaultKeywords;

    /// <inheritdoc />
    public string Name => "keywords";

    /// <inheritdoc />
    public bool Learns => false;

    /// <inheritdoc />
    public bool Randomized => false;

    /// <inheritdoc />
    public PolicyScores Score(ReplaySplit split, int seed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(split);
        return new PolicyScores(split.Test.Select(o => Hits(o.Prompt) + (Math.Log(1 + o.Prompt.Length) / 100)).ToArray());
    }

    private int Hits(string prompt) => _keywords.Count(k => prompt.Contains(k, StringComparison.OrdinalIgnoreCase));
}
