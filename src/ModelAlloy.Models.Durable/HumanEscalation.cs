namespace ModelAlloy.Models.Durable;

/// <summary>
/// The end of a fallback chain that escalates to a human (<see cref="ModelRoleOptions.EscalateToHuman"/>): the
/// orchestration publishes a <see cref="HumanEscalationStatus"/> as its custom status and waits, on a durable timer,
/// for a <see cref="HumanAnswer"/> raised on <see cref="EventName"/>. The answer becomes the call's result (model and
/// provider "human", zero cost); no answer within <see cref="ModelRoleOptions.EscalationTimeout"/> fails the call.
/// </summary>
public static class HumanEscalation
{
    /// <summary>The <see cref="HumanEscalationStatus.Kind"/> of the custom status.</summary>
    public const string StatusKind = "ModelAlloy.HumanEscalation";

    /// <summary>The prefix of the event names; the call sequence follows.</summary>
    public const string EventNamePrefix = "ModelAlloy.HumanAnswer.";

    /// <summary>The <see cref="ModelCallResult.ModelId"/> of an answer given by a person.</summary>
    public const string ModelId = "human";

    /// <summary>Returns the event that answers the run's <paramref name="callSequence"/>-th model call, e.g. <c>ModelAlloy.HumanAnswer.0002</c>.</summary>
    /// <param name="callSequence">The call's sequence in the run, from 1 (see <see cref="HumanEscalationStatus.CallSequence"/>).</param>
    /// <returns>The event name; two escalations of one run never share it.</returns>
    public static string EventName(int callSequence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(callSequence, 1);
        return EventNamePrefix + callSequence.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
    }

    internal static async Task<ModelCallResult> AwaitAnswerAsync(
        TaskOrchestrationContext context, ModelCallPlan plan, int callSequence, ModelCallFailedException exhausted, CancellationToken cancellationToken)
    {
        string eventName = EventName(callSequence);
        DateTime askedAt = context.CurrentUtcDateTime;
        context.SetCustomStatus(new HumanEscalationStatus
        {
            EventName = eventName,
            Role = plan.Name,
            CallSequence = callSequence,
            ErrorCode = exhausted.ErrorCode,
            Attempts = exhausted.Attempts.Select(a => $"{a.CallId} {a.ModelId}: {a.Outcome}").ToList(),
            DeadlineUtc = askedAt + plan.EscalationTimeout,
        });
        HumanAnswer? answer;
        try
        {
            answer = await context.WaitForExternalEvent<HumanAnswer?>(eventName, plan.EscalationTimeout, cancellationToken).ConfigureAwait(true);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // WaitForExternalEvent with a timeout cancels the wait when its durable timer fires first.
            context.SetCustomStatus(null);
            throw new ModelCallFailedException(
                ModelErrorCodes.HumanEscalationTimedOut,
                $"model call '{plan.Name}' (#{callSequence}) was escalated to a human and nobody answered within {plan.EscalationTimeout}; "
                + $"raise event '{eventName}' with a HumanAnswer in time, or lengthen ModelGateway:Roles:{plan.Name}:EscalationTimeout. "
                + "The chain had failed: " + exhausted.Message,
                exhausted.Attempts,
                escalateToHuman: true);
        }

        context.SetCustomStatus(null);
        if (string.IsNullOrEmpty(answer?.Text))
        {
            throw new ModelGatewayException(
                ModelErrorCodes.InvalidRequest, $"model call '{plan.Name}' (#{callSequence}): the answer raised on event '{eventName}' has no Text; raise a HumanAnswer");
        }

        return new ModelCallResult
        {
            Text = answer.Text,
            Json = answer.Json,
            Usage = TokenUsage.None,
            TotalCostUsd = exhausted.Attempts.Sum(a => a.CostUsd),
            LatencyMs = (long)(context.CurrentUtcDateTime - askedAt).TotalMilliseconds,
            ModelId = ModelId,
            Provider = ModelProviderKind.Human,
            Attempts = exhausted.Attempts,
        };
    }
}
