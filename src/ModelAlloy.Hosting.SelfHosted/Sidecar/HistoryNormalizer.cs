using DurableTask.Core;
using DurableTask.Core.History;

namespace ModelAlloy.Hosting.SelfHosted.Sidecar;

/// <summary>
/// Rewrites what the gRPC sidecar hands DTFx into the shapes DTFx's Azure Storage provider can store and read back.
/// The sidecar puts protobuf <c>MapField</c>s into <see cref="ExecutionStartedEvent.Tags"/> (Azure Storage writes the
/// type name and fails to read it back) and records sub-orchestrations with its own subclass of
/// <see cref="SubOrchestrationInstanceCreatedEvent"/> (written without an <c>EventType</c>); either hangs every
/// sub-orchestration. Both become plain DTFx types here, before anything is stored.
/// </summary>
internal static class HistoryNormalizer
{
    /// <summary>Normalizes the events of an episode's new history and of its outgoing messages, in place.</summary>
    /// <param name="state">The runtime state to commit.</param>
    /// <param name="messages">The messages to send.</param>
    public static void Normalize(OrchestrationRuntimeState? state, params IEnumerable<TaskMessage>?[] messages)
    {
        if (state is not null)
        {
            // The same event objects sit in both lists: replace each once, by reference.
            var replaced = new Dictionary<HistoryEvent, HistoryEvent>(ReferenceEqualityComparer.Instance);
            Replace(state.NewEvents, replaced);
            Replace(state.Events, replaced);
            NormalizeTags(state.ExecutionStartedEvent);
        }

        foreach (TaskMessage message in messages.Where(m => m is not null).SelectMany(m => m!))
        {
            message.Event = Normalize(message.Event);
        }
    }

    /// <summary>Returns a DTFx-native equivalent of <paramref name="historyEvent"/> (the same object when it already is).</summary>
    /// <param name="historyEvent">The event.</param>
    /// <returns>The event to store.</returns>
    public static HistoryEvent Normalize(HistoryEvent historyEvent)
    {
        switch (historyEvent)
        {
            case ExecutionStartedEvent started:
                NormalizeTags(started);
                return started;
            case SubOrchestrationInstanceCreatedEvent created when created.GetType() != typeof(SubOrchestrationInstanceCreatedEvent):
                return new SubOrchestrationInstanceCreatedEvent(created.EventId)
                {
                    Name = created.Name,
                    Version = created.Version,
                    InstanceId = created.InstanceId,
                    Input = created.Input,
                    Timestamp = created.Timestamp,
                    IsPlayed = created.IsPlayed,
                    ClientSpanId = created.ClientSpanId,
                };
            default:
                return historyEvent;
        }
    }

    private static void Replace(IList<HistoryEvent> events, Dictionary<HistoryEvent, HistoryEvent> replaced)
    {
        for (int i = 0; i < events.Count; i++)
        {
            if (!replaced.TryGetValue(events[i], out HistoryEvent? normalized))
            {
                normalized = replaced[events[i]] = Normalize(events[i]);
            }

            if (!ReferenceEquals(normalized, events[i]))
            {
                events[i] = normalized;
            }
        }
    }

    private static void NormalizeTags(ExecutionStartedEvent? started)
    {
        if (started?.Tags is { } tags && tags.GetType() != typeof(Dictionary<string, string>))
        {
            started.Tags = new Dictionary<string, string>(tags, StringComparer.Ordinal);
        }
    }
}
