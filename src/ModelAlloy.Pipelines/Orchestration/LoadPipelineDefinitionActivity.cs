using ModelAlloy.Pipelines.Definitions;

namespace ModelAlloy.Pipelines.Orchestration;

/// <summary>Reads a pipeline's definition for a run (the only place a run touches the definition source).</summary>
internal sealed class LoadPipelineDefinitionActivity(PipelineLibrary library) : TaskActivity<string, PipelineSnapshot>
{
    public override Task<PipelineSnapshot> RunAsync(TaskActivityContext context, string input) => library.GetSnapshotAsync(input);
}
