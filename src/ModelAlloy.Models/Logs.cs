using Microsoft.Extensions.Logging;

namespace ModelAlloy.Models;

/// <summary>Every log message of the gateway, with stable event ids (700-719). Messages never carry secrets.</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 700, EventName = "ModelAttemptSucceeded", Level = LogLevel.Information,
        Message = "Model call {CallId} on '{ModelId}' ({Provider}) succeeded in {LatencyMs} ms: {InputTokens} in / {OutputTokens} out tokens{Estimated}, ${CostUsd}")]
    public static partial void AttemptSucceeded(
        ILogger logger, string callId, string modelId, ModelProviderKind provider, long latencyMs, long inputTokens, long outputTokens, string estimated, decimal costUsd);

    [LoggerMessage(EventId = 701, EventName = "ModelAttemptFailed", Level = LogLevel.Warning,
        Message = "Model call {CallId} on '{ModelId}' ({Provider}) failed after {LatencyMs} ms: {FailureKind}: {FailureMessage}")]
    public static partial void AttemptFailed(
        ILogger logger, string callId, string modelId, ModelProviderKind provider, long latencyMs, ModelFailureKind failureKind, string failureMessage);

    [LoggerMessage(EventId = 702, EventName = "ModelSkippedCoolingDown", Level = LogLevel.Information,
        Message = "Model call {CallId}: skipped '{ModelId}', cooling down until {CooldownUntil:O}")]
    public static partial void SkippedCoolingDown(ILogger logger, string callId, string modelId, DateTimeOffset cooldownUntil);

    [LoggerMessage(EventId = 703, EventName = "ModelCooldownStarted", Level = LogLevel.Warning,
        Message = "Model '{ModelId}' cools down until {CooldownUntil:O} after repeated failures")]
    public static partial void CooldownStarted(ILogger logger, string modelId, DateTimeOffset cooldownUntil);

    [LoggerMessage(EventId = 704, EventName = "ModelBudgetExceeded", Level = LogLevel.Warning,
        Message = "Model call {CallId} not made: {Reason}")]
    public static partial void BudgetExceeded(ILogger logger, string callId, string reason);

    [LoggerMessage(EventId = 705, EventName = "DuplicateLedgerRecordIgnored", Level = LogLevel.Information,
        Message = "Cost ledger already holds call {CallId} (replay or redelivery); not counted twice")]
    public static partial void DuplicateLedgerRecord(ILogger logger, string callId);

    [LoggerMessage(EventId = 706, EventName = "ModelUsageEstimated", Level = LogLevel.Debug,
        Message = "Model call {CallId}: provider reported no usage; tokens estimated with the o200k_base tokenizer")]
    public static partial void UsageEstimated(ILogger logger, string callId);

    [LoggerMessage(EventId = 707, EventName = "ModelPromptTrace", Level = LogLevel.Trace,
        Message = "Model call {CallId} prompt: {Prompt} | answer: {Answer}")]
    public static partial void PromptTrace(ILogger logger, string callId, string prompt, string answer);
}
