using Microsoft.Extensions.AI;

namespace ModelAlloy.Models;

/// <summary>What one provider call produced: a response or a classified failure, and how long it took.</summary>
internal sealed record ProviderCall(IReadOnlyList<ChatMessage> Messages, ChatResponse? Response, ModelCallFailure? Failure, long LatencyMs);

/// <summary>
/// Judges a provider call: usage (reported, else estimated), cost, and the quality checks (content filter,
/// empty answer, JSON Schema) that turn a 200 into a failure that moves down the chain.
/// </summary>
internal static class AttemptAssessment
{
    public static ModelAttemptOutcome Assess(ModelAttemptInput input, ModelDefinition model, ProviderCall call, SecretRedactor redactor)
    {
        ChatResponse? response = call.Response;
        bool simulated = model.Provider == ModelProviderKind.Simulated
            || response?.AdditionalProperties?.ContainsKey(SimulatedChatClient.SimulatedProperty) == true;
        TokenUsage usage = response is null ? TokenUsage.None : UsageOf(response, call.Messages);
        ModelCallFailure? failure = call.Failure;
        string? text = response?.Text;
        string? json = null;
        if (failure is null)
        {
            (json, failure) = CheckQuality(input.Request, response!, text, redactor);
        }

        return new ModelAttemptOutcome
        {
            CallId = input.CallId,
            ModelId = model.Id,
            Provider = model.Provider,
            Attempt = input.Attempt,
            Text = failure is null ? text : null,
            Json = failure is null ? json : null,
            Usage = usage,
            CostUsd = CostCalculator.Compute(model.Prices, usage),
            LatencyMs = call.LatencyMs,
            Simulated = simulated,
            Failure = failure,
        };
    }

    private static (string? Json, ModelCallFailure? Failure) CheckQuality(ModelCallRequest request, ChatResponse response, string? text, SecretRedactor redactor)
    {
        if (response.FinishReason == ChatFinishReason.ContentFilter)
        {
            return (null, new ModelCallFailure(ModelFailureKind.ContentFiltered, "the provider's content filter stopped the answer"));
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, new ModelCallFailure(ModelFailureKind.EmptyAnswer, "the model returned an empty answer"));
        }

        if (request.JsonSchema is not { } schema)
        {
            return (null, null);
        }

        (string? json, string? error) = StructuredOutputValidator.Validate(schema, text);
        return error is null
            ? (json, null)
            : (null, new ModelCallFailure(ModelFailureKind.InvalidStructuredOutput, redactor.Redact(error)));
    }

    private static TokenUsage UsageOf(ChatResponse response, IReadOnlyList<ChatMessage> messages)
    {
        if (response.Usage is { InputTokenCount: { } input, OutputTokenCount: { } output } usage)
        {
            return new TokenUsage(input, usage.CachedInputTokenCount ?? 0, output, Estimated: false);
        }

        long estimatedInput = TokenEstimator.CountPrompt(messages.Select(m => new ModelMessage(m.Role.Value, m.Text)));
        return new TokenUsage(estimatedInput, 0, TokenEstimator.CountText(response.Text), Estimated: true);
    }
}
