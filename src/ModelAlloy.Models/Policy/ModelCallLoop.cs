namespace ModelAlloy.Models;

/// <summary>
/// Runs one model call to completion under the policy: attempt, wait (honouring Retry-After), retry, fall back,
/// move to a larger context, downgrade or stop. Deterministic given the runtime's answers.
/// </summary>
public static class ModelCallLoop
{
    /// <summary>A hard ceiling on attempts per call, above anything a valid configuration produces.</summary>
    internal const int MaxAttemptsPerCall = 64;

    /// <summary>Runs the call.</summary>
    /// <param name="runtime">Where attempts and waits happen.</param>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The successful result.</returns>
    /// <exception cref="ModelCallFailedException">When no attempt produced an acceptable answer, or a budget stopped the call.</exception>
    public static async Task<ModelCallResult> RunAsync(IModelCallRuntime runtime, ModelCallRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(request);
        string runId = request.RunId ?? runtime.RunId;
        string scope = runtime.RunId;
        var open = new ModelCallOpeningInput
        {
            Request = request,
            RunId = runId,
            InstanceId = scope,
            Sequence = runtime.NextCallSequence(),
            ScheduledAtUtc = runtime.UtcNow,
        };

        // The opening step resolved the plan and ran the first attempt the policy chooses from it (the same
        // deterministic choice is taken again here), so a call that succeeds first time is one step, not two.
        ModelCallOpening opening = await runtime.OpenAsync(open, cancellationToken).ConfigureAwait(true);
        ModelCallPlan plan = opening.Plan;
        ModelAttemptOutcome? opened = opening.FirstAttempt;
        var planner = new ModelCallPlanner(plan);
        var outcomes = new List<ModelAttemptOutcome>();
        PolicyDecision decision = planner.Start();
        while (decision is AttemptDecision attempt && outcomes.Count < MaxAttemptsPerCall)
        {
            ModelAttemptOutcome outcome;
            if (opened is not null && outcomes.Count == 0)
            {
                outcome = opened;
            }
            else
            {
                if (attempt.Delay > TimeSpan.Zero)
                {
                    await runtime.DelayAsync(attempt.Delay, cancellationToken).ConfigureAwait(true);
                }

                outcome = await runtime.RunAttemptAsync(AttemptInput(open, attempt, runtime.UtcNow), cancellationToken).ConfigureAwait(true);
            }

            outcomes.Add(outcome);
            decision = planner.OnOutcome(outcome);
        }

        List<ModelAttemptSummary> summaries = outcomes.Select(ModelAttemptSummary.From).ToList();
        return decision switch
        {
            SucceedDecision success => ToResult(success.Outcome, outcomes, summaries),
            FailDecision fail => throw new ModelCallFailedException(fail.ErrorCode, fail.Message, summaries, fail.EscalateToHuman),
            _ => throw new ModelCallFailedException(
                ModelErrorCodes.AllAttemptsFailed, $"model call '{plan.Name}' stopped after {MaxAttemptsPerCall} attempts", summaries, plan.EscalateToHuman),
        };
    }

    /// <summary>The input of the attempt a decision asks for; the opening step and the loop build it the same way.</summary>
    internal static ModelAttemptInput AttemptInput(ModelCallOpeningInput open, AttemptDecision attempt, DateTime scheduledAtUtc) => new()
    {
        Request = open.Request,
        ModelId = attempt.ModelId,
        RunId = open.RunId,
        InstanceId = open.InstanceId,
        CallId = CallId.For(open.InstanceId, open.Sequence, attempt.Attempt),
        Attempt = attempt.Attempt,
        ScheduledAtUtc = scheduledAtUtc,
        FallbackFromCallId = attempt.FallbackFromCallId,
        AllowOverBudget = attempt.AllowOverBudget,
    };

    private static ModelCallResult ToResult(ModelAttemptOutcome ok, List<ModelAttemptOutcome> all, List<ModelAttemptSummary> summaries) => new()
    {
        Text = ok.Text ?? string.Empty,
        Json = ok.Json,
        Usage = ok.Usage,
        CostUsd = ok.CostUsd,
        TotalCostUsd = all.Sum(o => o.CostUsd),
        LatencyMs = ok.LatencyMs,
        ModelId = ok.ModelId,
        Provider = ok.Provider,
        Simulated = ok.Simulated,
        Attempts = summaries,
    };
}
