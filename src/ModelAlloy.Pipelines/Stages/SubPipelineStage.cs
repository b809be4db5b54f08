using ModelAlloy.Pipelines.Definitions;
using ModelAlloy.Pipelines.Orchestration;

namespace ModelAlloy.Pipelines.Stages;

/// <summary>A pipeline as a stage: a sub-orchestration of the pipeline orchestrator; its cost and models count in this run.</summary>
internal static class SubPipelineStage
{
    public static async Task<StageOutcome> RunAsync(StageContext run, SubPipelineStageDefinition stage, StageInput input)
    {
        PipelineRunResult result;
        try
        {
            result = await run.Orchestration.CallSubOrchestratorAsync<PipelineRunResult>(
                PipelineOrchestrator.Name, new PipelineRunInput { Pipeline = stage.Pipeline, Input = input.Text }).ConfigureAwait(true);
        }
        catch (TaskFailedException ex)
        {
            throw run.Fail($"sub-pipeline '{stage.Pipeline}' failed: {ex.FailureDetails.ErrorMessage}", ex);
        }

        run.AddSubRun(result);
        return new StageOutcome(result.Output, new StageRecord
        {
            StageId = stage.Id,
            Kind = stage.Kind,
            Reason = $"ran '{result.Pipeline}' ({result.ContentHash}): {string.Join(" → ", result.Stages.Select(s => s.StageId))}",
        });
    }
}
