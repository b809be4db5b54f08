using ModelAlloy.Pipelines.Definitions;

namespace ModelAlloy.Pipelines.Stages;

/// <summary>Runs a stage by its kind.</summary>
internal static class StageDispatcher
{
    public static Task<StageOutcome> RunAsync(StageContext run, StageDefinition stage, StageInput input) => stage switch
    {
        RouterStageDefinition router => RouterStage.RunAsync(run, router, input),
        CascadeStageDefinition cascade => CascadeStage.RunAsync(run, cascade, input),
        ChainStageDefinition chain => ChainStage.RunAsync(run, chain, input),
        ExtractReasonStageDefinition extract => ExtractReasonStage.RunAsync(run, extract, input),
        DraftPolishStageDefinition draft => DraftPolishStage.RunAsync(run, draft, input),
        ParallelStageDefinition parallel => ParallelStage.RunAsync(run, parallel, input),
        EnsembleStageDefinition ensemble => EnsembleStage.RunAsync(run, ensemble, input),
        ValidationStageDefinition validation => ValidationStage.RunAsync(run, validation, input),
        RefineStageDefinition refine => RefineStage.RunAsync(run, refine, input),
        SubPipelineStageDefinition sub => SubPipelineStage.RunAsync(run, sub, input),
        ResearchStageDefinition research => Research.ResearchStage.RunAsync(run, research, input),
        _ => throw new NotSupportedException($"stage kind '{stage.Kind}' has no runner"),
    };
}
