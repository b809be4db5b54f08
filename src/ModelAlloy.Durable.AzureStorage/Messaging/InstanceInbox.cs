namespace ModelAlloy.Durable.AzureStorage;

/// <summary>
/// The control messages this process holds, grouped by instance, with one lock per instance: while an episode runs,
/// new messages for its instance wait here and the next episode takes them all at once (fan-in batching).
/// </summary>
internal sealed class InstanceInbox
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Pending> _instances = new(StringComparer.Ordinal);
    private readonly Queue<string> _ready = new();
    private readonly HashSet<string> _readySet = new(StringComparer.Ordinal);
    private TaskCompletionSource _pulse = NewPulse();
    private int _buffered;

    /// <summary>Messages held and not yet consumed.</summary>
    public int BufferedCount => Volatile.Read(ref _buffered);

    /// <summary>Adds a received message; a re-received message (same queue id) only refreshes its receipt.</summary>
    public void Add(ReceivedMessage message)
    {
        lock (_gate)
        {
            var pending = GetOrAdd(message.Envelope.InstanceId);
            var existing = pending.Messages.Find(m => m.MessageId == message.MessageId);
            if (existing is not null)
            {
                existing.PopReceipt = message.PopReceipt;
                existing.DequeueCount = message.DequeueCount;
                existing.ReceivedAt = message.ReceivedAt;
                return;
            }

            pending.Messages.Add(message);
            _buffered++;
            MarkReady(message.Envelope.InstanceId, pending);
        }
    }

    /// <summary>Locks the next instance with messages and takes them; false when none is ready.</summary>
    public bool TryLockNext(out string instanceId, out IReadOnlyList<ReceivedMessage> batch)
    {
        lock (_gate)
        {
            while (_ready.TryDequeue(out var id))
            {
                _readySet.Remove(id);
                if (_instances.TryGetValue(id, out var pending) && !pending.Locked && pending.Messages.Count > 0)
                {
                    pending.Locked = true;
                    (instanceId, batch) = (id, pending.Messages.ToArray());
                    return true;
                }
            }
        }

        (instanceId, batch) = ("", []);
        return false;
    }

    /// <summary>
    /// Single-message mode: adds the message and waits until this caller holds the instance's lock, then takes every
    /// message waiting for it (possibly none, when an earlier holder already consumed this one in its batch).
    /// </summary>
    public async Task<IReadOnlyList<ReceivedMessage>> AddAndLockAsync(ReceivedMessage message, TimeSpan limit, CancellationToken cancellationToken)
    {
        TaskCompletionSource? turn = null;
        Pending pending;
        lock (_gate)
        {
            pending = GetOrAdd(message.Envelope.InstanceId);
            pending.Messages.Add(message);
            _buffered++;
            if (pending.Locked)
            {
                turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                pending.Waiters.Enqueue(turn);
            }
            else
            {
                pending.Locked = true;
            }
        }

        if (turn is not null)
        {
            try
            {
                await turn.Task.WaitAsync(limit, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (!turn.Task.IsCompletedSuccessfully && turn.TrySetCanceled())
            {
                lock (_gate)
                {
                    if (pending.Messages.Remove(message))
                    {
                        _buffered--;
                    }
                }

                throw;
            }
        }

        lock (_gate)
        {
            return pending.Messages.ToArray();
        }
    }

    /// <summary>Removes consumed messages and unlocks the instance (handing the lock to a waiter, if any).</summary>
    public void Release(string instanceId, IEnumerable<ReceivedMessage> consumed)
    {
        lock (_gate)
        {
            if (!_instances.TryGetValue(instanceId, out var pending))
            {
                return;
            }

            foreach (var message in consumed)
            {
                if (pending.Messages.Remove(message))
                {
                    _buffered--;
                }
            }

            while (pending.Waiters.TryDequeue(out var next))
            {
                if (next.TrySetResult())
                {
                    return;
                }
            }

            pending.Locked = false;
            if (pending.Messages.Count == 0)
            {
                _instances.Remove(instanceId);
            }
            else
            {
                MarkReady(instanceId, pending);
            }
        }
    }

    /// <summary>Forgets unlocked instances' messages of a partition this process no longer owns (their new owner receives them).</summary>
    public List<ReceivedMessage> DropPartition(Func<string, bool> inPartition)
    {
        var dropped = new List<ReceivedMessage>();
        lock (_gate)
        {
            foreach (var (id, pending) in _instances.Where(p => !p.Value.Locked && inPartition(p.Key)).ToArray())
            {
                _buffered -= pending.Messages.Count;
                dropped.AddRange(pending.Messages);
                _instances.Remove(id);
            }
        }

        return dropped;
    }

    /// <summary>Completes when messages may be ready, or after <paramref name="max"/>.</summary>
    public Task WaitAsync(TimeSpan max, CancellationToken cancellationToken)
    {
        Task pulse;
        lock (_gate)
        {
            if (_ready.Count > 0)
            {
                return Task.CompletedTask;
            }

            pulse = _pulse.Task;
        }

        return Task.WhenAny(pulse, Task.Delay(max, cancellationToken));
    }

    private Pending GetOrAdd(string instanceId)
    {
        if (!_instances.TryGetValue(instanceId, out var pending))
        {
            pending = new Pending();
            _instances[instanceId] = pending;
        }

        return pending;
    }

    private void MarkReady(string instanceId, Pending pending)
    {
        if (!pending.Locked && _readySet.Add(instanceId))
        {
            _ready.Enqueue(instanceId);
            var fired = _pulse;
            _pulse = NewPulse();
            fired.TrySetResult();
        }
    }

    private static TaskCompletionSource NewPulse() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class Pending
    {
        public List<ReceivedMessage> Messages { get; } = [];

        public bool Locked { get; set; }

        public Queue<TaskCompletionSource> Waiters { get; } = new();
    }
}
