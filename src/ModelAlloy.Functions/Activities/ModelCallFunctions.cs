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
    /// <summary>Opens a model call: its plan from the catalog and its first attempt.</summary>
    /// <param name="input">The call to open.</param>
    /// <param name="context">The invocation (its token is signalled when the host shuts down).</param>
    /// <returns>The plan and the first attempt's outcome.</returns>
    [Function(ModelCallActivityNames.Open)]
    public Task<ModelCallOpening> OpenAsync([ActivityTrigger] ModelCallOpeningInput input, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ModelCallActivities.OpenAsync(executor, input, context.CancellationToken);
    }

    /// <summary>Runs one further attempt (a retry or a fallback): a provider call and its ledger row.</summary>
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
