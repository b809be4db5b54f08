using Azure;
using ModelAlloy.Durable;

namespace ModelAlloy.Models.Durable;

/// <summary>The names under which the model-call activities are registered.</summary>
public static class ModelCallActivityNames
{
    /// <summary>Resolves a request into a plan (recorded in history, so a catalog change cannot break replay).</summary>
    public const string ResolvePlan = "ModelAlloy.Models.ResolvePlan";

    /// <summary>Calls a provider once and records the attempt in the cost ledger.</summary>
    public const string Attempt = "ModelAlloy.Models.Attempt";
}

/// <summary>
/// The model-call activity: one provider call, its ledger record and cooldown update. Provider failures come back
/// as data in <see cref="ModelAttemptOutcome"/>; only gateway errors (non-retriable: bad request, unknown model,
/// missing credential) and storage faults (retried by the engine) fail the activity.
/// </summary>
internal sealed class ModelCallActivity(IModelAttemptExecutor executor) : TaskActivity<ModelAttemptInput, ModelAttemptOutcome>
{
    public override async Task<ModelAttemptOutcome> RunAsync(TaskActivityContext context, ModelAttemptInput input, CancellationToken cancellationToken)
    {
        try
        {
            return await executor.RunAttemptAsync(input, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelGatewayException ex) when (ex.ErrorCode != ModelErrorCodes.StorageFailed)
        {
            throw new ActivityFailureException(ex.Message, ex.ErrorCode, isNonRetriable: true);
        }
        catch (RequestFailedException ex)
        {
            throw new ActivityFailureException(
                $"cost ledger or cooldown store unavailable for call '{input.CallId}': HTTP {ex.Status} {ex.ErrorCode}",
                ModelErrorCodes.StorageFailed);
        }
    }
}

/// <summary>Resolves the plan of a model call from the catalog.</summary>
internal sealed class ResolveModelPlanActivity(IModelAttemptExecutor executor) : TaskActivity<ModelCallRequest, ModelCallPlan>
{
    public override async Task<ModelCallPlan> RunAsync(TaskActivityContext context, ModelCallRequest input, CancellationToken cancellationToken)
    {
        try
        {
            return await executor.ResolvePlanAsync(input, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelGatewayException ex)
        {
            throw new ActivityFailureException(ex.Message, ex.ErrorCode, isNonRetriable: true);
        }
    }
}
