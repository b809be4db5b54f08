namespace ModelAlloy.Models;

/// <summary>
/// The side-effecting half of a model call, as the durable activities call it: resolve a plan from the catalog,
/// run one attempt (cooldown and budget checks, provider call, quality checks, ledger, cooldown update).
/// </summary>
public interface IModelAttemptExecutor
{
    /// <summary>Resolves the plan for a request.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ModelGatewayException">When the request is malformed or names unknown models or roles.</exception>
    Task<ModelCallPlan> ResolvePlanAsync(ModelCallRequest request, CancellationToken cancellationToken = default);

    /// <summary>Runs one attempt and records it in the ledger.</summary>
    /// <param name="input">The attempt.</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <returns>The outcome; provider failures are returned, not thrown.</returns>
    Task<ModelAttemptOutcome> RunAttemptAsync(ModelAttemptInput input, CancellationToken cancellationToken = default);
}
