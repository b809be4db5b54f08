using ModelAlloy.Pipelines;
using ModelAlloy.Pipelines.Definitions;
using ModelAlloy.Pipelines.Orchestration;

namespace ModelAlloy.Functions.Orchestrations;

/// <summary>
/// The pipeline orchestrator and its definition-reading activity as Durable Functions, each a one-line wrapper over
/// <see cref="PipelineOrchestrator"/> under the name the self-hosted worker registers it by.
/// </summary>
/// <param name="library">The pipeline definitions (registered by <c>AddModelAlloy</c>).</param>
public sealed class PipelineFunctions(PipelineLibrary library)
{
    /// <summary>Runs a pipeline definition.</summary>
    /// <param name="context">The orchestration context; its input is a <see cref="PipelineRunInput"/>.</param>
    /// <returns>The run's result.</returns>
    /// <exception cref="InvalidOperationException">When the instance was started without an input.</exception>
    [Function(PipelineOrchestrator.Name)]
    public static Task<PipelineRunResult> RunOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        PipelineRunInput input = context.GetInput<PipelineRunInput>()
            ?? throw new InvalidOperationException($"instance '{context.InstanceId}' of {PipelineOrchestrator.Name} was started without an input; start it with {{\"pipeline\": ..., \"input\": ...}}");
        return PipelineOrchestrator.RunAsync(context, input);
    }

    /// <summary>Reads a definition once per run (recorded in history, so an edit never breaks a replay).</summary>
    /// <param name="pipeline">The pipeline's name.</param>
    /// <param name="context">The invocation.</param>
    /// <returns>The definition's text and hash.</returns>
    [Function(PipelineOrchestrator.LoadDefinitionActivity)]
    public Task<PipelineSnapshot> LoadDefinitionAsync([ActivityTrigger] string pipeline, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return library.GetSnapshotAsync(pipeline, context.CancellationToken);
    }
}
