using Azure.Storage.Queues;

namespace ModelAlloy.Durable.AzureStorage;

/// <summary>A queue message this process holds (invisible to others until its visibility timeout), with its parsed body.</summary>
internal sealed class ReceivedMessage(QueueClient queue, string messageId, string popReceipt, long dequeueCount, MessageEnvelope envelope)
{
    public QueueClient Queue { get; } = queue;

    public string MessageId { get; } = messageId;

    /// <summary>Changes when the message is received again or its visibility is updated.</summary>
    public string PopReceipt { get; set; } = popReceipt;

    public long DequeueCount { get; set; } = dequeueCount;

    /// <summary>When this process took the message (received or sent it invisible): its visibility runs from then.</summary>
    public DateTime ReceivedAt { get; set; } = DateTime.UtcNow;

    public MessageEnvelope Envelope { get; } = envelope;

    /// <summary>Deliveries so far, counting re-sends of the same logical message (abandons, single-message retries) but not deferrals.</summary>
    public long Deliveries => Math.Max(1, DequeueCount) + Envelope.Resends + LocalRedeliveries;

    /// <summary>Times this process put the message back in its own inbox after an abandon while holding it.</summary>
    public int LocalRedeliveries { get; set; }

    /// <summary>When the message was first deferred, here or (through a re-send) by an earlier holder; null if never.</summary>
    public DateTime? DeferredSince { get; set; } = envelope.DeferredSince;

    /// <summary>
    /// For an activity result handed over in memory (no queue message of its own): the request it answers. The
    /// request's queue message, kept invisible, is its durable copy until the result is checkpointed.
    /// </summary>
    public PackedActivity? LocalResultOf { get; init; }

    /// <summary>
    /// For activity requests run here without a queue message of their own (see <see cref="InstanceAnchors"/>): the
    /// instance's anchor is their durable record. Settling the message releases them from it.
    /// </summary>
    public bool Anchored { get; init; }

    /// <summary>True when a queue trigger handed the message over (single-message mode).</summary>
    public bool FromTrigger { get; init; }

    /// <summary>False for a message handed over by a queue trigger: the trigger, not the backend, deletes it.</summary>
    public bool OwnedByBackend => PopReceipt.Length > 0;
}
