namespace ModelAlloy.Durable.Replay;

/// <summary>
/// Keeps live sessions between episodes, least recently used first out, so an episode needs no replay.
/// A session is taken out while an episode runs and put back only after its commit succeeded, and it is reused
/// only when the backend's history version still matches: another worker's commit makes it stale.
/// </summary>
internal sealed class OrchestrationSessionCache
{
    private readonly int _capacity;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<OrchestrationSession>> _byId = new(StringComparer.Ordinal);
    private readonly LinkedList<OrchestrationSession> _recency = new();

    public OrchestrationSessionCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _capacity = capacity;
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byId.Count;
            }
        }
    }

    /// <summary>Removes and returns the session for the instance if its history version matches.</summary>
    public OrchestrationSession? TryTake(string instanceId, string? historyVersion)
    {
        lock (_gate)
        {
            if (!_byId.Remove(instanceId, out var node))
            {
                return null;
            }

            _recency.Remove(node);
            return historyVersion is not null && node.Value.HistoryVersion == historyVersion ? node.Value : null;
        }
    }

    public void Put(OrchestrationSession session)
    {
        if (_capacity == 0)
        {
            return;
        }

        lock (_gate)
        {
            if (_byId.Remove(session.InstanceId, out var existing))
            {
                _recency.Remove(existing);
            }

            _byId[session.InstanceId] = _recency.AddFirst(session);
            while (_byId.Count > _capacity)
            {
                var oldest = _recency.Last!;
                _recency.RemoveLast();
                _byId.Remove(oldest.Value.InstanceId);
            }
        }
    }

    public void Remove(string instanceId)
    {
        lock (_gate)
        {
            if (_byId.Remove(instanceId, out var node))
            {
                _recency.Remove(node);
            }
        }
    }
}
