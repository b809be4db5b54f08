using ModelAlloy.Models;
using ModelAlloy.Models.Durable;

namespace ModelAlloy.Functions.Activities;

/// <summary>
/// The model-call activities behind <c>context.CallModelAsync</c> as Durable Functions, under
/// <see cref="ModelCallActivityNames"/>; the bodies are <see cref="ModelCallActivities"/>, shared with the self-hosted worker.
/// </summary>
/// <param name="executor">The gateway's attempt executor (registered by <c>AddModelAlloy</c>).</param>
public sealed class ModelCallFunctions(IModelAttemptExecutor executor)
{
    /// <summary>Resolves a model call's plan from the catalog.</summary>
    /// <param name="request">The request.</param>
    /// <param name="context">The invocation (its token is signalled when the host shuts down).</param>
    /// <returns>The plan.</returns>
    [Function(ModelCallActivityNames.ResolvePlan)]
    public Task<ModelCallPlan> ResolvePlanAsync([ActivityTrigger] ModelCallRequest request, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ModelCallActivities.ResolvePlanAsync(executor, request, context.CancellationToken);
    }

    /// <summary>Runs one attempt: a provider call and its ledger row.</summary>
    /// <param name="input">The attempt.</param>
    /// <param name="context">The invocation (its token is signalled when the host shuts down).</param>
    /// <returns>The outcome, provider failures included.</returns>
    [Function(ModelCallActivityNames.Attempt)]
    public Task<ModelAttemptOutcome> AttemptAsync([ActivityTrigger] ModelAttemptInput input, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ModelCallActivities.AttemptAsync(executor, input, context.CancellationToken);
    }
}
