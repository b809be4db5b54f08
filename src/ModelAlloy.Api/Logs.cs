using Microsoft.Extensions.Logging;

namespace ModelAlloy.Api;

/// <summary>Every log message of the HTTP API, with stable event ids (1100-1119). Inputs and review texts are never logged.</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 1100, EventName = "PipelineRunStarted", Level = LogLevel.Information,
        Message = "Started run {InstanceId} of pipeline '{Pipeline}' (idempotent: {Idempotent})")]
    public static partial void RunStarted(ILogger logger, string instanceId, string pipeline, bool idempotent);

    [LoggerMessage(EventId = 1101, EventName = "PipelineRunReplayed", Level = LogLevel.Information,
        Message = "A retried start names run {InstanceId} of pipeline '{Pipeline}', which exists ({RuntimeStatus}); nothing started")]
    public static partial void RunReplayed(ILogger logger, string instanceId, string pipeline, string runtimeStatus);

    [LoggerMessage(EventId = 1102, EventName = "PipelineRunStartRefused", Level = LogLevel.Warning,
        Message = "Refused a start of pipeline '{Pipeline}' as {InstanceId}: that instance exists with another pipeline or input")]
    public static partial void StartRefused(ILogger logger, string instanceId, string pipeline);

    [LoggerMessage(EventId = 1103, EventName = "PipelineReviewSent", Level = LogLevel.Information,
        Message = "Sent review event {EventName} to run {InstanceId}")]
    public static partial void ReviewSent(ILogger logger, string instanceId, string eventName);

    [LoggerMessage(EventId = 1104, EventName = "PipelineRunTerminated", Level = LogLevel.Information,
        Message = "Terminating run {InstanceId}")]
    public static partial void RunTerminated(ILogger logger, string instanceId);

    [LoggerMessage(EventId = 1105, EventName = "PipelineRunPurged", Level = LogLevel.Information,
        Message = "Purged run {InstanceId} ({Deleted} instances deleted)")]
    public static partial void RunPurged(ILogger logger, string instanceId, int deleted);
}
