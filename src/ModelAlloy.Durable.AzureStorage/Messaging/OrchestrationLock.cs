using System.Collections.Immutable;
using Azure;
using ModelAlloy.Durable.History;

namespace ModelAlloy.Durable.AzureStorage;

/// <summary>What the backend keeps with a locked orchestration work item: the messages it consumes and the ETags it commits under.</summary>
internal sealed class OrchestrationLock(IReadOnlyList<ReceivedMessage> messages, HistoryState history, KnownInstance? known, bool external)
{
    public IReadOnlyList<ReceivedMessage> Messages { get; } = messages;

    /// <summary>The sentinel the checkpoint must find; refreshed when the history is loaded.</summary>
    public HistoryState History { get; set; } = history;

    public ETag? InstanceETag => Known?.InstanceETag;

    /// <summary>The committed events this work item started from, when known (cached or loaded).</summary>
    public ImmutableList<HistoryEvent>? Events { get; set; }

    /// <summary>What this worker wrote last for the instance, when it owns the partition.</summary>
    public KnownInstance? Known { get; } = known;

    public bool External { get; } = external;

    private int _released;

    /// <summary>True the first time: the instance's local lock is released exactly once per work item.</summary>
    public bool TryMarkReleased() => Interlocked.Exchange(ref _released, 1) == 0;

    public string? TraceId => Messages.Select(m => m.Envelope.TraceId).FirstOrDefault(t => t is not null);
}

/// <summary>What a worker remembers about an instance of a partition it owns, so an episode needs no storage read.</summary>
internal sealed record KnownInstance(
    HistoryState History, ETag? InstanceETag, Backend.InstanceStatusUpdate? Status, Backend.InstanceRecord? Record = null, ImmutableList<HistoryEvent>? Events = null)
{
    /// <summary>The cached status record moved forward by a commit of this worker (null when none is cached).</summary>
    public Backend.InstanceRecord? Advance(Backend.InstanceStatusUpdate status, string executionId) => Record?.WithStatus(status, executionId);

    /// <summary>
    /// True when <paramref name="next"/> changes nothing a reader can see but the update time: the row need not be
    /// rewritten (one request saved per episode of a long chain or fan-in).
    /// </summary>
    public bool StatusUnchanged(Backend.InstanceStatusUpdate next) =>
        InstanceETag is not null && Status is { } last && last.RuntimeStatus == next.RuntimeStatus && last.Output == next.Output
        && last.CustomStatus == next.CustomStatus && last.FailureDetails == next.FailureDetails && next.Input is null
        && !next.RuntimeStatus.IsTerminal();
}
