using ModelAlloy.Durable.Backend;
using ModelAlloy.Durable.History;

namespace ModelAlloy.Durable.InMemory;

/// <summary>
/// A backend that keeps everything in process memory. It honours the same contract as the Azure Storage backend
/// (and passes the same conformance suite), including crash-safe commit ordering under injected faults.
/// </summary>
public sealed partial class InMemoryOrchestrationBackend : IOrchestrationBackend
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, InMemoryInstance> _instances = new(StringComparer.Ordinal);
    private readonly Queue<string> _ready = new();
    private readonly HashSet<string> _readySet = new(StringComparer.Ordinal);
    private readonly Queue<QueuedActivity> _activities = new();
    private readonly PriorityQueue<object, DateTime> _delayed = new();
    private readonly Queue<string> _external = new();
    private readonly AsyncPulse _orchestrationPulse = new();
    private readonly AsyncPulse _activityPulse = new();
    private readonly InMemoryBackendOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates the backend.</summary>
    public InMemoryOrchestrationBackend(InMemoryBackendOptions? options = null, TimeProvider? time = null)
    {
        _options = options ?? new InMemoryBackendOptions();
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The fault injector from the options.</summary>
    public WriteFaultInjector Faults => _options.Faults;

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    /// <inheritdoc/>
    public Task<bool> CreateInstanceAsync(OrchestrationMessage startMessage, InstanceIdReusePolicy reuse, CancellationToken cancellationToken)
    {
        var started = startMessage.Event as ExecutionStarted
            ?? throw new ArgumentException("A start message must carry an ExecutionStarted event.", nameof(startMessage));
        Faults.BeforeWrite(WriteFaultInjector.WritePoints.Create);
        lock (_gate)
        {
            if (_instances.TryGetValue(startMessage.InstanceId, out var existing))
            {
                var finished = existing.Record.RuntimeStatus.IsTerminal();
                if (reuse == InstanceIdReusePolicy.ReturnExisting)
                {
                    return Task.FromResult(false);
                }

                if (reuse == InstanceIdReusePolicy.ThrowIfExists || !finished)
                {
                    throw new DurableTaskException(DurableErrorCodes.InstanceAlreadyExists,
                        $"An instance with id '{startMessage.InstanceId}' already exists and is {existing.Record.RuntimeStatus}.");
                }

                _instances.Remove(startMessage.InstanceId);
            }

            AddInstance(startMessage.InstanceId, started);
            Enqueue(startMessage);
        }

        return Task.FromResult(true);
    }

    /// <inheritdoc/>
    public Task SendMessageAsync(OrchestrationMessage message, CancellationToken cancellationToken)
    {
        Faults.BeforeWrite(WriteFaultInjector.WritePoints.Send);
        lock (_gate)
        {
            if (!_instances.ContainsKey(message.InstanceId))
            {
                throw new DurableTaskException(DurableErrorCodes.InstanceNotFound, $"No orchestration instance has the id '{message.InstanceId}'.");
            }

            Enqueue(message);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<InstanceRecord?> GetInstanceAsync(string instanceId, bool includeHistory, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_instances.TryGetValue(instanceId, out var instance))
            {
                return Task.FromResult<InstanceRecord?>(null);
            }

            return Task.FromResult<InstanceRecord?>(includeHistory ? instance.Record with { History = instance.History.ToArray() } : instance.Record);
        }
    }

    /// <inheritdoc/>
    public Task<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var matches = _instances.Values
                .Where(i => query.ContinuationToken is null || string.CompareOrdinal(i.Record.InstanceId, query.ContinuationToken) > 0)
                .Select(i => i.Record)
                .Where(r => InstanceFilter.Matches(r, query))
                .Take(query.PageSize + 1)
                .ToList();
            var more = matches.Count > query.PageSize;
            var page = matches.Take(query.PageSize)
                .Select(r => query.IncludeInputsAndOutputs ? r : r with { Input = null, Output = null })
                .ToArray();
            return Task.FromResult(new InstancePage(page, more ? page[^1].InstanceId : null));
        }
    }

    /// <inheritdoc/>
    public Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        Faults.BeforeWrite(WriteFaultInjector.WritePoints.Purge);
        lock (_gate)
        {
            return Task.FromResult(RemoveInstance(instanceId));
        }
    }

    /// <inheritdoc/>
    public Task<int> PurgeInstancesAsync(PurgeFilter filter, CancellationToken cancellationToken)
    {
        Faults.BeforeWrite(WriteFaultInjector.WritePoints.Purge);
        lock (_gate)
        {
            var doomed = _instances.Values.Select(i => i.Record).Where(r => InstanceFilter.Matches(r, filter)).Select(r => r.InstanceId).ToArray();
            return Task.FromResult(doomed.Count(RemoveInstance));
        }
    }

    private bool RemoveInstance(string instanceId)
    {
        if (!_instances.Remove(instanceId))
        {
            return false;
        }

        var keep = _activities.Where(a => a.Request.InstanceId != instanceId).ToArray();
        _activities.Clear();
        foreach (var activity in keep)
        {
            _activities.Enqueue(activity);
        }

        return true;
    }

    private InMemoryInstance AddInstance(string instanceId, ExecutionStarted started)
    {
        var now = Now;
        var instance = new InMemoryInstance(new InstanceRecord
        {
            InstanceId = instanceId,
            ExecutionId = started.ExecutionId,
            Name = started.Name,
            Version = started.Version,
            RuntimeStatus = OrchestrationRuntimeStatus.Pending,
            CreatedAt = now,
            LastUpdatedAt = now,
            ScheduledStartAt = started.ScheduledStartTime,
            Input = started.Input,
            ParentInstanceId = started.Parent?.InstanceId,
        });
        _instances[instanceId] = instance;
        return instance;
    }
}
