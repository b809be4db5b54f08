namespace ModelAlloy.Pipelines.Orchestration;

/// <summary>A pipeline run's custom status: where it is and what it has cost so far; a pending review, if any.</summary>
public sealed record PipelineProgress
{
    /// <summary>The <see cref="Kind"/> of this status.</summary>
    public const string StatusKind = "ModelAlloy.PipelineProgress";

    /// <summary>Gets <see cref="StatusKind"/>, which tells this status from a model call's human escalation.</summary>
    public string Kind { get; init; } = StatusKind;

    /// <summary>Gets the pipeline name.</summary>
    public required string Pipeline { get; init; }

    /// <summary>Gets the definition's content hash.</summary>
    public required string ContentHash { get; init; }

    /// <summary>Gets the running stage (null once the run is done).</summary>
    public string? Stage { get; init; }

    /// <summary>Gets how many stages have completed.</summary>
    public int StagesCompleted { get; init; }

    /// <summary>Gets the cost so far in US dollars.</summary>
    public decimal CostUsd { get; init; }

    /// <summary>Gets the review a person is asked for, while the run waits.</summary>
    public PipelineReviewRequest? Review { get; init; }
}
