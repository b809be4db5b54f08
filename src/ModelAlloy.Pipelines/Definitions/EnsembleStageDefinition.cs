using System.Text.Json.Serialization;

namespace ModelAlloy.Pipelines.Definitions;

/// <summary>
/// An ensemble: every member answers in parallel; the answers are aggregated by vote (labels) or agreement (text),
/// or merged by a synthesizer. Agreement below <see cref="Threshold"/> asks a person (<see cref="Review"/>).
/// </summary>
public sealed record EnsembleStageDefinition : StageDefinition
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => StageKinds.Ensemble;

    /// <summary>Gets the members, weakest first (the last one is the "strongest").</summary>
    public required IReadOnlyList<ModelStep> Members { get; init; }

    /// <summary>Gets how the answers are aggregated.</summary>
    public EnsembleAggregation Aggregation { get; init; } = EnsembleAggregation.Vote;

    /// <summary>Gets the synthesizer for <see cref="EnsembleAggregation.Synthesizer"/> (placeholders: <c>{{input}}</c>, <c>{{answers}}</c>).</summary>
    public ModelStep? Synthesizer { get; init; }

    /// <summary>Gets the minimum agreement in [0, 1]; below it a person decides.</summary>
    public double Threshold { get; init; } = 0.5;

    /// <summary>Gets the human review on disagreement.</summary>
    public HumanReview Review { get; init; } = new();
}

/// <summary>How an ensemble aggregates its members' answers.</summary>
public enum EnsembleAggregation
{
    /// <summary>Answers are labels; the most frequent wins; agreement is its share.</summary>
    Vote,

    /// <summary>Answers are text; agreement is the mean pairwise word overlap; the most central answer wins.</summary>
    Agreement,

    /// <summary>Agreement as for <see cref="Agreement"/>; a synthesizer writes the answer from all of them.</summary>
    Synthesizer,
}

/// <summary>A person's review of a disagreement: the run waits for an event, and on timeout acts as configured.</summary>
public sealed record HumanReview
{
    /// <summary>Gets how long the run waits for the review, in seconds.</summary>
    public double TimeoutSeconds { get; init; } = 3600;

    /// <summary>Gets what the run does when nobody answers in time.</summary>
    public ReviewTimeoutAction OnTimeout { get; init; } = ReviewTimeoutAction.Fail;
}

/// <summary>What an unanswered review does.</summary>
public enum ReviewTimeoutAction
{
    /// <summary>Fail the stage.</summary>
    Fail,

    /// <summary>Take the aggregated (majority / most central) answer.</summary>
    Majority,

    /// <summary>Take the strongest (last) member's answer.</summary>
    Strongest,
}
