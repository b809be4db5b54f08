using ModelAlloy.Durable.History;

namespace ModelAlloy.Durable.AzureStorage;

/// <summary>
/// The activity requests of one queue message. The message is deleted when the last of them has completed; an
/// abandoned one is re-sent on its own first, so the others are not run again.
/// </summary>
internal sealed class ActivityPack(ReceivedMessage message)
{
    private int _remaining = message.Envelope.Activities!.Count;

    public ReceivedMessage Message { get; } = message;

    public IReadOnlyList<ActivityRequest> Requests => Message.Envelope.Activities!;

    public bool IsSingle => Requests.Count == 1;

    /// <summary>Marks one request finished; true for the last one.</summary>
    public bool MarkDone() => Interlocked.Decrement(ref _remaining) == 0;
}

/// <summary>One request of a pack, as an activity work item's backend state.</summary>
internal sealed record PackedActivity(ActivityPack Pack, ActivityRequest Request);
