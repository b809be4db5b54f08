namespace ModelAlloy.Models;

/// <summary>
/// Calls models in-process, outside an orchestration (CLI, demos, benchmarks): same policy, ledger and cooldowns
/// as the durable path, but waits happen on a <see cref="TimeProvider"/> instead of durable timers.
/// </summary>
public interface IModelGateway
{
    /// <summary>Runs a model call under the policy.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ModelCallFailedException">When no attempt produced an acceptable answer.</exception>
    Task<ModelCallResult> CallAsync(ModelCallRequest request, CancellationToken cancellationToken = default);
}
