using Azure;

namespace ModelAlloy.Models.Durable;

/// <summary>
/// The bodies of the model-call activities, shared by every host: the self-hosted worker wraps them in
/// <see cref="TaskActivity{TInput, TOutput}"/> classes, the Functions app in <c>[ActivityTrigger]</c> functions.
/// Provider failures come back as data in <see cref="ModelAttemptOutcome"/>; only gateway errors (bad request,
/// unknown model, missing credential: never retried) and storage faults (retried by the activity's retry policy)
/// fail the activity.
/// </summary>
public static class ModelCallActivities
{
    /// <summary>Runs one attempt: a provider call, its ledger record and cooldown update.</summary>
    /// <param name="executor">The gateway's attempt executor.</param>
    /// <param name="input">The attempt.</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <returns>The outcome, failures included.</returns>
    /// <exception cref="ModelActivityException">When the gateway refuses the attempt or storage is unavailable.</exception>
    public static async Task<ModelAttemptOutcome> AttemptAsync(IModelAttemptExecutor executor, ModelAttemptInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(executor);
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            return await executor.RunAttemptAsync(input, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelGatewayException ex)
        {
            throw new ModelActivityException(ex.ErrorCode, ex.Message, ex);
        }
        catch (RequestFailedException ex)
        {
            throw new ModelActivityException(
                ModelErrorCodes.StorageFailed, $"cost ledger or cooldown store unavailable for call '{input.CallId}': HTTP {ex.Status} {ex.ErrorCode}", ex);
        }
    }

    /// <summary>Resolves the plan of a model call from the catalog.</summary>
    /// <param name="executor">The gateway's attempt executor.</param>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the resolution.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ModelActivityException">When the request or the catalog is wrong.</exception>
    public static async Task<ModelCallPlan> ResolvePlanAsync(IModelAttemptExecutor executor, ModelCallRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(executor);
        try
        {
            return await executor.ResolvePlanAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelGatewayException ex)
        {
            throw new ModelActivityException(ex.ErrorCode, ex.Message, ex);
        }
    }
}

/// <summary>The self-hosted worker's attempt activity.</summary>
internal sealed class ModelAttemptActivity(IModelAttemptExecutor executor) : TaskActivity<ModelAttemptInput, ModelAttemptOutcome>
{
    public override Task<ModelAttemptOutcome> RunAsync(TaskActivityContext context, ModelAttemptInput input) =>
        ModelCallActivities.AttemptAsync(executor, input, CancellationToken.None);
}

/// <summary>The self-hosted worker's plan activity.</summary>
internal sealed class ResolveModelPlanActivity(IModelAttemptExecutor executor) : TaskActivity<ModelCallRequest, ModelCallPlan>
{
    public override Task<ModelCallPlan> RunAsync(TaskActivityContext context, ModelCallRequest input) =>
        ModelCallActivities.ResolvePlanAsync(executor, input, CancellationToken.None);
}
