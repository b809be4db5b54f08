namespace ModelAlloy.Pipelines.Orchestration;

/// <summary>An ensemble's disagreement put to a person: the candidates and the event to raise with a <see cref="PipelineReviewAnswer"/>.</summary>
public sealed record PipelineReviewRequest
{
    /// <summary>The prefix of review event names; the stage id follows.</summary>
    public const string EventNamePrefix = "ModelAlloy.PipelineReview.";

    /// <summary>Gets the event to raise.</summary>
    public required string EventName { get; init; }

    /// <summary>Gets the candidate answers, numbered from 1 in <see cref="PipelineReviewAnswer.Choice"/>.</summary>
    public required IReadOnlyList<string> Candidates { get; init; }

    /// <summary>Gets the agreement that fell below the threshold.</summary>
    public required double Agreement { get; init; }

    /// <summary>Gets when the timeout action applies (UTC).</summary>
    public required DateTime DeadlineUtc { get; init; }

    /// <summary>Returns the review event of a stage.</summary>
    /// <param name="stageId">The stage id.</param>
    /// <returns>The event name.</returns>
    public static string EventNameFor(string stageId) => EventNamePrefix + stageId;
}
