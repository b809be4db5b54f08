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
            throw StorageFailed(input.CallId, ex);
        }
    }

    /// <summary>Opens a model call: resolves its plan from the catalog and runs the first attempt.</summary>
    /// <param name="executor">The gateway's attempt executor.</param>
    /// <param name="input">The call to open.</param>
    /// <param name="cancellationToken">Cancels the plan and the attempt.</param>
    /// <returns>The plan and the first attempt's outcome, failures included.</returns>
    /// <exception cref="ModelActivityException">When the request or the catalog is wrong, or storage is unavailable.</exception>
    public static async Task<ModelCallOpening> OpenAsync(IModelAttemptExecutor executor, ModelCallOpeningInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(executor);
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            return await ModelCallOpener.OpenAsync(executor, input, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelGatewayException ex)
        {
            throw new ModelActivityException(ex.ErrorCode, ex.Message, ex);
        }
        catch (RequestFailedException ex)
        {
            throw StorageFailed(CallId.For(input.InstanceId, input.Sequence, 1), ex); // the only storage work is the first attempt's
        }
    }

    private static ModelActivityException StorageFailed(string call, RequestFailedException ex) =>
        new(ModelErrorCodes.StorageFailed, $"cost ledger or cooldown store unavailable for call '{call}': HTTP {ex.Status} {ex.ErrorCode}", ex);
}

/// <summary>The self-hosted worker's attempt activity.</summary>
internal sealed class ModelAttemptActivity(IModelAttemptExecutor executor) : TaskActivity<ModelAttemptInput, ModelAttemptOutcome>
{
    public override Task<ModelAttemptOutcome> RunAsync(TaskActivityContext context, ModelAttemptInput input) =>
        ModelCallActivities.AttemptAsync(executor, input, CancellationToken.None);
}

/// <summary>The self-hosted worker's opening activity.</summary>
internal sealed class OpenModelCallActivity(IModelAttemptExecutor executor) : TaskActivity<ModelCallOpeningInput, ModelCallOpening>
{
    public override Task<ModelCallOpening> RunAsync(TaskActivityContext context, ModelCallOpeningInput input) =>
        ModelCallActivities.OpenAsync(executor, input, CancellationToken.None);
}
