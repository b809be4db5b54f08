using System.Collections.Concurrent;
using DurableTask.Core.History;

namespace ModelAlloy.Hosting.SelfHosted.Sidecar;

/// <summary>
/// The history events this process committed, per instance, in commit order: what the demo prints and tests inspect.
/// DTFx's in-memory service cannot return history, so the sidecar keeps it here when asked to
/// (<see cref="SelfHostedOptions.RecordHistory"/>); it grows with every event, so it is meant for short-lived hosts.
/// </summary>
internal sealed class HistoryJournal
{
    private readonly ConcurrentDictionary<string, List<HistoryEvent>> _events = new(StringComparer.OrdinalIgnoreCase);

    public void Append(string instanceId, IEnumerable<HistoryEvent> events)
    {
        List<HistoryEvent> list = _events.GetOrAdd(instanceId, _ => []);
        lock (list)
        {
            list.AddRange(events);
        }
    }

    public IReadOnlyList<HistoryEvent> Get(string instanceId)
    {
        if (!_events.TryGetValue(instanceId, out List<HistoryEvent>? list))
        {
            return [];
        }

        lock (list)
        {
            return [.. list];
        }
    }
}
