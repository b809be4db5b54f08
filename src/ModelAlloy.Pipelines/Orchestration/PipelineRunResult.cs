namespace ModelAlloy.Pipelines.Orchestration;

/// <summary>What a pipeline run produced, which definition it ran and what every stage decided and cost.</summary>
public sealed record PipelineRunResult
{
    /// <summary>Gets the pipeline name.</summary>
    public required string Pipeline { get; init; }

    /// <summary>Gets the content hash of the definition the run used.</summary>
    public required string ContentHash { get; init; }

    /// <summary>Gets the output text (the JSON text when the last stage answered under a schema).</summary>
    public required string Output { get; init; }

    /// <summary>Gets the stages that ran, in order.</summary>
    public required IReadOnlyList<StageRecord> Stages { get; init; }

    /// <summary>Gets the cost of every model attempt of the run, sub-pipelines included.</summary>
    public decimal CostUsd { get; init; }

    /// <summary>Gets whether any answer came from a simulated model (SIMULATED output).</summary>
    public bool Simulated { get; init; }
}
