using Azure;

namespace ModelAlloy.Durable.AzureStorage;

/// <summary>What the backend keeps with a locked orchestration work item: the messages it consumes and the ETags it commits under.</summary>
internal sealed class OrchestrationLock(IReadOnlyList<ReceivedMessage> messages, HistoryState history, ETag? instanceETag, bool external)
{
    public IReadOnlyList<ReceivedMessage> Messages { get; } = messages;

    /// <summary>The sentinel the checkpoint must find; refreshed when the history is loaded.</summary>
    public HistoryState History { get; set; } = history;

    public ETag? InstanceETag { get; } = instanceETag;

    public bool External { get; } = external;

    public string? TraceId => Messages.Select(m => m.Envelope.TraceId).FirstOrDefault(t => t is not null);
}

/// <summary>What a worker remembers about an instance of a partition it owns, so an episode needs no storage read.</summary>
internal sealed record KnownInstance(HistoryState History, ETag? InstanceETag);
