using ModelAlloy.Durable.Backend;
using ModelAlloy.Durable.History;

namespace ModelAlloy.Durable.InMemory;

public sealed partial class InMemoryOrchestrationBackend
{
    // All helpers here run under _gate.
    private void Enqueue(OrchestrationMessage message)
    {
        if (message.VisibleAt is { } visibleAt && visibleAt > Now)
        {
            _delayed.Enqueue(message, visibleAt);
            _orchestrationPulse.Pulse(); // a poller may need to wait for a sooner due time
            return;
        }

        Deliver(message);
    }

    private void Enqueue(ActivityRequest request) => Deliver(new QueuedActivity(request));

    private void RedeliverLater(object item) => _delayed.Enqueue(item, Now + _options.RedeliveryDelay);

    private void Deliver(object item)
    {
        if (_options.ExternalDelivery)
        {
            _external.Enqueue(item switch
            {
                OrchestrationMessage message => new RawMessage(message, null, 1).Serialize(),
                QueuedActivity activity => new RawMessage(null, activity.Request, activity.DeliveryCount + 1).Serialize(),
                _ => throw new InvalidOperationException(),
            });
            _orchestrationPulse.Pulse();
            return;
        }

        switch (item)
        {
            case QueuedActivity activity:
                _activities.Enqueue(activity);
                _activityPulse.Pulse();
                break;
            case OrchestrationMessage message when _instances.TryGetValue(message.InstanceId, out var instance):
                instance.Inbox.Add(message);
                MarkReady(instance);
                break;
        }
    }

    private void MarkReady(InMemoryInstance instance)
    {
        if (!_options.ExternalDelivery && !instance.Locked && instance.Inbox.Count > 0 && _readySet.Add(instance.Record.InstanceId))
        {
            _ready.Enqueue(instance.Record.InstanceId);
            _orchestrationPulse.Pulse();
        }
    }

    /// <summary>Moves due timers and redeliveries into the queues; returns when the next one is due.</summary>
    private DateTime? PromoteDue()
    {
        var now = Now;
        while (_delayed.TryPeek(out var item, out var due))
        {
            if (due > now)
            {
                return due;
            }

            _delayed.Dequeue();
            Deliver(item);
        }

        return null;
    }

    /// <summary>Ensures a sub-orchestration's instance exists when its start message is sent.</summary>
    private void CreateChildIfNeeded(OrchestrationMessage message)
    {
        if (message.Event is not ExecutionStarted started)
        {
            return;
        }

        if (_instances.TryGetValue(message.InstanceId, out var existing))
        {
            if (existing.Record.ExecutionId == started.ExecutionId || !existing.Record.RuntimeStatus.IsTerminal())
            {
                return;
            }

            _instances.Remove(message.InstanceId);
        }

        AddInstance(message.InstanceId, started);
    }

    private async Task<bool> WaitForWorkAsync(AsyncPulse pulse, DateTime deadline, CancellationToken cancellationToken)
    {
        Task signal;
        DateTime? nextDue;
        lock (_gate)
        {
            signal = pulse.Next;
            nextDue = PromoteDue();
        }

        var until = nextDue is { } due && due < deadline ? due : deadline;
        var wait = until - Now;
        if (wait <= TimeSpan.Zero)
        {
            return Now < deadline;
        }

        await Task.WhenAny(signal, Task.Delay(wait, _time, cancellationToken)).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return Now < deadline;
    }
}
