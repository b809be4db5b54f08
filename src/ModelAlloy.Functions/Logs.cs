using Microsoft.Extensions.Logging;

namespace ModelAlloy.Functions;

/// <summary>Every log message of the Functions app, with stable event ids (900-919). Ticket text is never logged.</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 900, EventName = "TicketTriageScheduled", Level = LogLevel.Information,
        Message = "Scheduled ticket triage {InstanceId} for ticket '{TicketId}' ({Starter})")]
    public static partial void TriageScheduled(ILogger logger, string instanceId, string ticketId, string starter);

    [LoggerMessage(EventId = 901, EventName = "TicketRejected", Level = LogLevel.Warning,
        Message = "{Starter} rejected a ticket: {Reasons}")]
    public static partial void TicketRejected(ILogger logger, string starter, string reasons);

    [LoggerMessage(EventId = 902, EventName = "DuplicateTicketMessage", Level = LogLevel.Information,
        Message = "Queue message {MessageId} (delivery {DequeueCount}) names instance {InstanceId}, which already exists ({RuntimeStatus}); nothing started")]
    public static partial void DuplicateTicketMessage(ILogger logger, string messageId, long dequeueCount, string instanceId, string runtimeStatus);

    [LoggerMessage(EventId = 910, EventName = "BatchMessagePoisoned", Level = LogLevel.Warning,
        Message = "Batch message {MessageId} (delivery {DequeueCount}) is malformed and was moved to {PoisonQueue}: {Reason}")]
    public static partial void BatchMessagePoisoned(ILogger logger, string messageId, long dequeueCount, string poisonQueue, string reason);

    [LoggerMessage(EventId = 911, EventName = "BatchMessageHandled", Level = LogLevel.Information,
        Message = "Batch message {MessageId} (delivery {DequeueCount}): {Started} runs started, {Existing} already existed, {Unfinished} unfinished")]
    public static partial void BatchMessageHandled(ILogger logger, string messageId, long dequeueCount, int started, int existing, int unfinished);
}
