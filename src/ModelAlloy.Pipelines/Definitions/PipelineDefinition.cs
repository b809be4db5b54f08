using System.Text.Json.Serialization;

namespace ModelAlloy.Pipelines.Definitions;

/// <summary>
/// A pipeline as declared in JSON: a name and a graph of typed stages. The run starts at the first stage; each stage
/// names the stage that follows it (<see cref="StageDefinition.Next"/>), a router names one per route, and a stage
/// with no successor ends the run. The graph is acyclic (checked at load), so every run ends.
/// </summary>
public sealed record PipelineDefinition
{
    /// <summary>Gets the editor hint pointing at <c>pipeline.schema.json</c>; not used at run time.</summary>
    [JsonPropertyName("$schema")]
    public string? Schema { get; init; }

    /// <summary>Gets the pipeline's name: how runs ask for it and what the ledger records.</summary>
    public required string Name { get; init; }

    /// <summary>Gets what the pipeline is for.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the stages; the first one starts the run.</summary>
    public required IReadOnlyList<StageDefinition> Stages { get; init; }

    /// <summary>Gets the whole run's latency budget in seconds, raced by every stage (none: unbounded); expiry fails the run.</summary>
    public double? LatencyBudgetSeconds { get; init; }

    /// <summary>Finds a stage by id.</summary>
    /// <param name="id">The stage id.</param>
    /// <returns>The stage, or null.</returns>
    public StageDefinition? FindStage(string id) => Stages.FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.Ordinal));
}
