namespace ModelAlloy.Models;

/// <summary>
/// Opens a model call in one step: resolves the plan, asks the policy for its first decision and, when that is an
/// attempt, runs it. The policy is deterministic given the plan, so <see cref="ModelCallLoop"/> takes the same first
/// decision from the recorded plan and uses the recorded outcome instead of attempting again.
/// </summary>
public static class ModelCallOpener
{
    /// <summary>Opens the call.</summary>
    /// <param name="executor">The gateway's attempt executor.</param>
    /// <param name="input">The call to open.</param>
    /// <param name="cancellationToken">Cancels the plan and the attempt.</param>
    /// <returns>The plan and the first attempt's outcome (provider failures included).</returns>
    /// <exception cref="ModelGatewayException">When the request or the catalog is wrong.</exception>
    public static async Task<ModelCallOpening> OpenAsync(IModelAttemptExecutor executor, ModelCallOpeningInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(executor);
        ArgumentNullException.ThrowIfNull(input);
        ModelCallPlan plan = await executor.ResolvePlanAsync(input.Request, cancellationToken).ConfigureAwait(false);
        if (new ModelCallPlanner(plan).Start() is not AttemptDecision { Delay.Ticks: 0 } first)
        {
            return new ModelCallOpening { Plan = plan };
        }

        ModelAttemptInput attempt = ModelCallLoop.AttemptInput(input, first, input.ScheduledAtUtc);
        return new ModelCallOpening { Plan = plan, FirstAttempt = await executor.RunAttemptAsync(attempt, cancellationToken).ConfigureAwait(false) };
    }
}
