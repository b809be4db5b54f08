namespace ModelAlloy.Pipelines.Orchestration;

/// <summary>A person's review: pick a candidate (<see cref="Choice"/>, from 1) or write the answer (<see cref="Text"/>).</summary>
public sealed record PipelineReviewAnswer
{
    /// <summary>Gets the chosen candidate, from 1.</summary>
    public int? Choice { get; init; }

    /// <summary>Gets the answer written by the reviewer (wins over <see cref="Choice"/>).</summary>
    public string? Text { get; init; }
}
