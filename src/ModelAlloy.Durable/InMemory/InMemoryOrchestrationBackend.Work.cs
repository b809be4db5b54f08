using ModelAlloy.Durable.Backend;
using ModelAlloy.Durable.History;

namespace ModelAlloy.Durable.InMemory;

public sealed partial class InMemoryOrchestrationBackend
{
    /// <inheritdoc/>
    public async Task<OrchestrationWorkItem?> LockNextOrchestrationWorkItemAsync(CancellationToken cancellationToken)
    {
        var deadline = Now + _options.MaxPollWait;
        do
        {
            lock (_gate)
            {
                PromoteDue();
                while (_ready.TryDequeue(out var instanceId))
                {
                    _readySet.Remove(instanceId);
                    if (_instances.TryGetValue(instanceId, out var instance) && !instance.Locked && instance.Inbox.Count > 0)
                    {
                        return LockInstance(instance);
                    }
                }
            }
        }
        while (await WaitForWorkAsync(_orchestrationPulse, deadline, cancellationToken).ConfigureAwait(false));

        return null;
    }

    /// <inheritdoc/>
    public async Task<ActivityWorkItem?> LockNextActivityWorkItemAsync(CancellationToken cancellationToken)
    {
        var deadline = Now + _options.MaxPollWait;
        do
        {
            lock (_gate)
            {
                PromoteDue();
                if (_activities.TryDequeue(out var queued))
                {
                    queued.DeliveryCount++;
                    return new ActivityWorkItem { InstanceId = queued.Request.InstanceId, Request = queued.Request, DeliveryCount = queued.DeliveryCount, BackendState = queued };
                }
            }
        }
        while (await WaitForWorkAsync(_activityPulse, deadline, cancellationToken).ConfigureAwait(false));

        return null;
    }

    private OrchestrationWorkItem LockInstance(InMemoryInstance instance)
    {
        instance.Locked = true;
        var messages = instance.Inbox.ToArray();
        return new OrchestrationWorkItem
        {
            InstanceId = instance.Record.InstanceId,
            NewMessages = messages,
            HistoryVersion = instance.VersionTag,
            BackendState = instance,
        };
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<HistoryEvent>> LoadHistoryAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var instance = (InMemoryInstance)workItem.BackendState!;
            return Task.FromResult<IReadOnlyList<HistoryEvent>>(instance.History.ToArray());
        }
    }

    /// <inheritdoc/>
    public Task<string> CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationCommit commit, CancellationToken cancellationToken)
    {
        var instance = (InMemoryInstance)workItem.BackendState!;
        lock (_gate)
        {
            if (!_instances.TryGetValue(workItem.InstanceId, out var current) || current != instance || instance.VersionTag != workItem.HistoryVersion)
            {
                throw new CheckpointConflictException(workItem.InstanceId);
            }
        }

        // The crash-safe order: everything the history will say was sent is sent first.
        Faults.BeforeWrite(WriteFaultInjector.WritePoints.CommitActivities);
        lock (_gate)
        {
            foreach (var activity in commit.Activities)
            {
                Enqueue(activity);
            }
        }

        Faults.BeforeWrite(WriteFaultInjector.WritePoints.CommitMessages);
        lock (_gate)
        {
            foreach (var message in commit.Messages)
            {
                CreateChildIfNeeded(message);
                Enqueue(message);
            }
        }

        Faults.BeforeWrite(WriteFaultInjector.WritePoints.CommitHistory);
        string version;
        lock (_gate)
        {
            if (commit.ReplacesHistory)
            {
                instance.History = [.. commit.NewEvents];
            }
            else
            {
                instance.History.AddRange(commit.NewEvents);
            }

            instance.Version++;
            version = instance.VersionTag ?? "";
        }

        Faults.BeforeWrite(WriteFaultInjector.WritePoints.CommitStatus);
        lock (_gate)
        {
            var executionId = commit.ExecutionId.Length > 0 ? commit.ExecutionId : instance.Record.ExecutionId;
            instance.Record = instance.Record.WithStatus(commit.Status, executionId);
        }

        Faults.BeforeWrite(WriteFaultInjector.WritePoints.CommitConsume);
        lock (_gate)
        {
            foreach (var message in workItem.NewMessages)
            {
                instance.Inbox.Remove(message);
            }

            foreach (var deferred in commit.DeferredMessages)
            {
                RedeliverLater(deferred);
            }

            Unlock(instance);
        }

        return Task.FromResult(version);
    }

    /// <inheritdoc/>
    public Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, Exception? reason, CancellationToken cancellationToken)
    {
        var instance = (InMemoryInstance)workItem.BackendState!;
        lock (_gate)
        {
            if (_options.ExternalDelivery)
            {
                // As a queue trigger would: the messages come back after a delay, each as its own delivery.
                foreach (var message in workItem.NewMessages)
                {
                    instance.Inbox.Remove(message);
                    RedeliverLater(message);
                }
            }

            Unlock(instance);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, OrchestrationMessage result, CancellationToken cancellationToken)
    {
        Faults.BeforeWrite(WriteFaultInjector.WritePoints.ActivityResult);
        lock (_gate)
        {
            Enqueue(result);
        }

        // The request is already off the queue; a crash here would, in a real queue, make it visible again.
        Faults.BeforeWrite(WriteFaultInjector.WritePoints.ActivityConsume);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, Exception? reason, CancellationToken cancellationToken)
    {
        var queued = workItem.BackendState as QueuedActivity ?? new QueuedActivity(workItem.Request) { DeliveryCount = workItem.DeliveryCount };
        lock (_gate)
        {
            if (_instances.ContainsKey(workItem.InstanceId))
            {
                RedeliverLater(queued);
            }
        }

        return Task.CompletedTask;
    }

    private void Unlock(InMemoryInstance instance)
    {
        while (instance.LockWaiters.TryDequeue(out var next))
        {
            if (next.TrySetResult())
            {
                return; // the lock goes straight to a waiting single-message handler
            }
        }

        instance.Locked = false;
        MarkReady(instance);
    }
}
