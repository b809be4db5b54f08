using System.Runtime.CompilerServices;

namespace ModelAlloy.Models.Durable;

/// <summary>Model calls from orchestration code.</summary>
public static class ModelCallOrchestrationExtensions
{
    // Storage hiccups in an attempt are retried (a durable timer between tries); gateway verdicts and provider
    // failures never are here: provider failures come back as data and the policy decides.
    private static readonly TaskOptions ActivityOptions = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 3, firstRetryInterval: TimeSpan.FromSeconds(2), backoffCoefficient: 2.0)
        {
            HandleFailure = IsRetriable,
        });

    private static readonly ConditionalWeakTable<TaskOrchestrationContext, CallCounter> Counters = new();

    /// <summary>
    /// Calls a model under the gateway's policy: one activity opens the call (plan and first attempt), each further attempt is an activity, waits between retries are durable
    /// timers (honouring Retry-After), and the fallback chain, larger-context moves, cooldowns and budgets apply.
    /// A role whose chain ends in a human waits for a person's answer once the chain is exhausted (see
    /// <see cref="HumanEscalation"/>). Deterministic under replay; call ids are (instance id, call sequence, attempt).
    /// </summary>
    /// <param name="context">The orchestration context.</param>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels pending timers.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ModelCallFailedException">When no attempt produced an acceptable answer or a budget stopped the call
    /// (and, for a chain that escalates, nobody answered in time).</exception>
    /// <exception cref="ModelGatewayException">When the request or the catalog is wrong (unknown model, missing credential...).</exception>
    public static async Task<ModelCallResult> CallModelAsync(
        this TaskOrchestrationContext context, ModelCallRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var runtime = new OrchestrationModelCallRuntime(context, Counters.GetOrCreateValue(context));
        try
        {
            return await ModelCallLoop.RunAsync(runtime, request, cancellationToken).ConfigureAwait(true);
        }
        catch (ModelCallFailedException ex) when (ex.EscalateToHuman && runtime.Plan is { } plan)
        {
            return await HumanEscalation.AwaitAnswerAsync(context, plan, runtime.Sequence, ex, cancellationToken).ConfigureAwait(true);
        }
        catch (TaskFailedException ex) when (ModelActivityException.TryParse(ex.FailureDetails, out string code, out string reason))
        {
            throw new ModelGatewayException(code, reason, ex);
        }
    }

    private static bool IsRetriable(TaskFailureDetails failure) =>
        !ModelActivityException.TryParse(failure, out string code, out _) || code == ModelErrorCodes.StorageFailed;

    /// <summary>
    /// Counts model calls per orchestration execution. The SDK creates one context per episode, so the count is
    /// rebuilt by replay in the same order each time.
    /// </summary>
    internal sealed class CallCounter
    {
        public int Value;
    }

    /// <summary>
    /// The policy's runtime inside an orchestration: activities, durable timers, replay-safe time. One per call, so it
    /// also keeps the call's sequence and plan for a human escalation.
    /// </summary>
    private sealed class OrchestrationModelCallRuntime(TaskOrchestrationContext context, CallCounter counter) : IModelCallRuntime
    {
        public string RunId => context.InstanceId;

        public DateTime UtcNow => context.CurrentUtcDateTime;

        public int Sequence { get; private set; }

        public ModelCallPlan? Plan { get; private set; }

        public int NextCallSequence() => Sequence = ++counter.Value;

        public async Task<ModelCallOpening> OpenAsync(ModelCallOpeningInput input, CancellationToken cancellationToken)
        {
            ModelCallOpening opening = await context.CallActivityAsync<ModelCallOpening>(ModelCallActivityNames.Open, input, ActivityOptions).ConfigureAwait(true);
            Plan = opening.Plan;
            return opening;
        }

        public Task<ModelAttemptOutcome> RunAttemptAsync(ModelAttemptInput input, CancellationToken cancellationToken) =>
            context.CallActivityAsync<ModelAttemptOutcome>(ModelCallActivityNames.Attempt, input, ActivityOptions);

        public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) =>
            context.CreateTimer(context.CurrentUtcDateTime.Add(delay), cancellationToken);
    }
}
