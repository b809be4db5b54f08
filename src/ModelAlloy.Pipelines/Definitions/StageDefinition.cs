using System.Text.Json.Serialization;

namespace ModelAlloy.Pipelines.Definitions;

/// <summary>One typed stage of a pipeline; <c>kind</c> in JSON says which pattern it is.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(RouterStageDefinition), StageKinds.Router)]
[JsonDerivedType(typeof(CascadeStageDefinition), StageKinds.Cascade)]
[JsonDerivedType(typeof(ChainStageDefinition), StageKinds.Chain)]
[JsonDerivedType(typeof(ExtractReasonStageDefinition), StageKinds.ExtractReason)]
[JsonDerivedType(typeof(DraftPolishStageDefinition), StageKinds.DraftPolish)]
[JsonDerivedType(typeof(ParallelStageDefinition), StageKinds.Parallel)]
[JsonDerivedType(typeof(EnsembleStageDefinition), StageKinds.Ensemble)]
[JsonDerivedType(typeof(ValidationStageDefinition), StageKinds.Validation)]
[JsonDerivedType(typeof(RefineStageDefinition), StageKinds.Refine)]
[JsonDerivedType(typeof(SubPipelineStageDefinition), StageKinds.SubPipeline)]
[JsonDerivedType(typeof(ResearchStageDefinition), StageKinds.Research)]
public abstract record StageDefinition
{
    /// <summary>Gets the stage id, unique in the pipeline; the ledger's stage label.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the stage that runs next (none: the run ends here). Routers use their routes instead.</summary>
    public string? Next { get; init; }

    /// <summary>Gets the task type recorded in the ledger for this stage's model calls (default: per step).</summary>
    public string? TaskType { get; init; }

    /// <summary>Gets the stage's latency budget (none: the pipeline's, if any).</summary>
    public LatencyBudget? LatencyBudget { get; init; }

    /// <summary>Gets the stage's result cache (none: never cached).</summary>
    public StageCachePolicy? Cache { get; init; }

    /// <summary>Gets the stage kind, as written in JSON.</summary>
    [JsonIgnore]
    public abstract string Kind { get; }

    /// <summary>Gets the ids of the stages this stage can hand over to.</summary>
    /// <returns>The successors.</returns>
    public virtual IEnumerable<string> Successors() => Next is { } next ? [next] : [];
}
