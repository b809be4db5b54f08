using Microsoft.Extensions.Logging;

namespace ModelAlloy.Durable.AzureStorage;

/// <summary>The Azure Storage backend's log messages; each failure mode has a named event (search logs by name or id).</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 700, EventName = "PartitionAcquired", Level = LogLevel.Information, Message = "Worker {WorkerId} acquired partition {Partition} of task hub {TaskHub}.")]
    public static partial void PartitionAcquired(ILogger logger, string workerId, int partition, string taskHub);

    [LoggerMessage(EventId = 701, EventName = "PartitionReleased", Level = LogLevel.Information, Message = "Worker {WorkerId} released partition {Partition} ({Reason}).")]
    public static partial void PartitionReleased(ILogger logger, string workerId, int partition, string reason);

    [LoggerMessage(EventId = 702, EventName = "PartitionLost", Level = LogLevel.Warning, Message = "Worker {WorkerId} lost partition {Partition}: {Reason}. In-flight episodes of it will fail their ETag checkpoint if another worker moved on.")]
    public static partial void PartitionLost(ILogger logger, string workerId, int partition, string reason);

    [LoggerMessage(EventId = 703, EventName = "StaleLeaseBroken", Level = LogLevel.Warning, Message = "Worker {WorkerId} broke partition {Partition}'s lease held by {Owner}, whose heartbeat stopped.")]
    public static partial void StaleLeaseBroken(ILogger logger, string workerId, int partition, string owner);

    [LoggerMessage(EventId = 710, EventName = "CheckpointConflict", Level = LogLevel.Warning, Message = "Checkpoint of '{InstanceId}' conflicted: another worker committed first (split brain prevented); the episode is discarded.")]
    public static partial void CheckpointConflict(ILogger logger, string instanceId);

    [LoggerMessage(EventId = 711, EventName = "StaleStatusSkipped", Level = LogLevel.Debug, Message = "Status of '{InstanceId}' from checkpoint {Sequence} not written: a newer checkpoint already wrote it.")]
    public static partial void StaleStatusSkipped(ILogger logger, string instanceId, long sequence);

    [LoggerMessage(EventId = 720, EventName = "PoisonMessageDetected", Level = LogLevel.Error, Message = "Poison message {MessageId} for '{InstanceId}' on queue {Queue} after {Deliveries} deliveries; moved to the poison table. Last error: {Error}")]
    public static partial void PoisonMessageDetected(ILogger logger, string instanceId, string queue, string messageId, long deliveries, string error);

    [LoggerMessage(EventId = 721, EventName = "InstanceFailedByPoison", Level = LogLevel.Error, Message = "Instance '{InstanceId}' failed because a message could not be processed: {Reason}")]
    public static partial void InstanceFailedByPoison(ILogger logger, string instanceId, string reason);

    [LoggerMessage(EventId = 730, EventName = "OrphanMessageDropped", Level = LogLevel.Debug, Message = "Message {MessageId} for unknown or purged instance '{InstanceId}' dropped.")]
    public static partial void OrphanMessageDropped(ILogger logger, string instanceId, string messageId);

    [LoggerMessage(EventId = 740, EventName = "QueueReceiveFailed", Level = LogLevel.Warning, Message = "Receiving from queue {Queue} failed; retrying: {Error}")]
    public static partial void QueueReceiveFailed(ILogger logger, string queue, string error);

    [LoggerMessage(EventId = 741, EventName = "MessageDeleteFailed", Level = LogLevel.Debug, Message = "Deleting message {MessageId} from {Queue} failed ({Status}); it will be delivered again and discarded as a duplicate.")]
    public static partial void MessageDeleteFailed(ILogger logger, string queue, string messageId, int status);

    [LoggerMessage(EventId = 742, EventName = "HandOverFailed", Level = LogLevel.Debug, Message = "Making message {MessageId} of {Queue} visible for the partition's new owner failed; it comes back when its visibility runs out: {Error}")]
    public static partial void HandOverFailed(ILogger logger, string queue, string messageId, string error);

    [LoggerMessage(EventId = 750, EventName = "LeaseMaintenanceFailed", Level = LogLevel.Warning, Message = "Partition lease maintenance failed; retrying: {Error}")]
    public static partial void LeaseMaintenanceFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 760, EventName = "UnsentTasksRecovered", Level = LogLevel.Warning, Message = "Instance '{InstanceId}' had {Count} activity request(s) run without a queue message by a worker that is gone; they were sent again.")]
    public static partial void UnsentTasksRecovered(ILogger logger, string instanceId, int count);

    [LoggerMessage(EventId = 761, EventName = "AnchorRenewFailed", Level = LogLevel.Warning, Message = "Keeping the anchor message of '{InstanceId}' invisible failed; if it reappears it is taken back or recovers the instance's unsent tasks: {Error}")]
    public static partial void AnchorRenewFailed(ILogger logger, string instanceId, string error);

    [LoggerMessage(EventId = 762, EventName = "UnsentMarkFailed", Level = LogLevel.Warning, Message = "Recording that the recovered requests of '{InstanceId}' were sent failed; a later load may send them once more: {Error}")]
    public static partial void UnsentMarkFailed(ILogger logger, string instanceId, string error);
}
