using Microsoft.Extensions.Logging;

namespace ModelAlloy.Durable.Worker;

/// <summary>All engine log messages, with stable event ids (search production logs by id or name).</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 600, EventName = "WorkerStarted", Level = LogLevel.Information, Message = "Durable worker started: {OrchestrationDispatchers} orchestration and {ActivityDispatchers} activity dispatchers.")]
    public static partial void WorkerStarted(ILogger logger, int orchestrationDispatchers, int activityDispatchers);

    [LoggerMessage(EventId = 601, EventName = "OrchestrationFinished", Level = LogLevel.Information, Message = "Orchestration '{InstanceId}' ({Name}) finished: {Status}.")]
    public static partial void OrchestrationFinished(ILogger logger, string instanceId, string name, OrchestrationRuntimeStatus status);

    [LoggerMessage(EventId = 602, EventName = "EpisodeAbandoned", Level = LogLevel.Warning, Message = "Episode of '{InstanceId}' abandoned and will be retried: {ErrorType}: {ErrorMessage}")]
    public static partial void EpisodeAbandoned(ILogger logger, string instanceId, string errorType, string errorMessage);

    [LoggerMessage(EventId = 603, EventName = "SessionReplayed", Level = LogLevel.Debug, Message = "Orchestration '{InstanceId}' rebuilt by replaying {EventCount} history events.")]
    public static partial void SessionReplayed(ILogger logger, string instanceId, int eventCount);

    [LoggerMessage(EventId = 610, EventName = "ActivityFailed", Level = LogLevel.Warning, Message = "Activity '{Name}' (#{TaskId}) of '{InstanceId}' failed: {ErrorType}: {ErrorMessage}")]
    public static partial void ActivityFailed(ILogger logger, string name, int taskId, string instanceId, string errorType, string errorMessage);

    [LoggerMessage(EventId = 611, EventName = "ActivityAbandoned", Level = LogLevel.Warning, Message = "Activity '{Name}' (#{TaskId}) of '{InstanceId}' abandoned and will be retried: {ErrorMessage}")]
    public static partial void ActivityAbandoned(ILogger logger, string name, int taskId, string instanceId, string errorMessage);

    [LoggerMessage(EventId = 620, EventName = "DispatcherFault", Level = LogLevel.Error, Message = "Dispatcher loop fault; retrying after {DelayMs} ms.")]
    public static partial void DispatcherFault(ILogger logger, Exception exception, int delayMs);
}
