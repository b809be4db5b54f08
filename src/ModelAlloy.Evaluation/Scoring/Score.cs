namespace ModelAlloy.Evaluation.Scoring;

/// <summary>A scorer's verdict on one output.</summary>
/// <param name="Value">The score, 0..1 (1 is fully correct).</param>
/// <param name="Detail">Why, in one line (what was expected and what was found).</param>
public sealed record Score(double Value, string Detail)
{
    /// <summary>Gets what scoring itself cost in US dollars (a judge model's call; zero for rule-based scorers).</summary>
    public decimal CostUsd { get; init; }

    /// <summary>Gets whether the output counts as correct (a score of 1).</summary>
    public bool Passed => Value >= 1;

    /// <summary>A full score.</summary>
    /// <param name="detail">Why.</param>
    /// <returns>The score.</returns>
    public static Score Pass(string detail) => new(1, detail);

    /// <summary>A zero score.</summary>
    /// <param name="detail">Why.</param>
    /// <returns>The score.</returns>
    public static Score Fail(string detail) => new(0, detail);
}
