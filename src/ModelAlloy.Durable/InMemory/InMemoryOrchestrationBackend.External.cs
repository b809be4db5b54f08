using ModelAlloy.Durable.Backend;
using ModelAlloy.Durable.History;

namespace ModelAlloy.Durable.InMemory;

public sealed partial class InMemoryOrchestrationBackend
{
    /// <summary>How long a single-message handler waits for another handler to release the instance.</summary>
    private static readonly TimeSpan LockWaitLimit = TimeSpan.FromSeconds(30);

    /// <summary>
    /// In <see cref="InMemoryBackendOptions.ExternalDelivery"/> mode, takes the next visible raw message off the queue,
    /// as a Functions queue trigger would, waiting up to <paramref name="wait"/>. Null when none arrived.
    /// </summary>
    public async Task<string?> TryReceiveRawMessageAsync(TimeSpan wait, CancellationToken cancellationToken = default)
    {
        var deadline = Now + wait;
        do
        {
            lock (_gate)
            {
                PromoteDue();
                if (_external.TryDequeue(out var raw))
                {
                    return raw;
                }
            }
        }
        while (await WaitForWorkAsync(_orchestrationPulse, deadline, cancellationToken).ConfigureAwait(false));

        return null;
    }

    /// <inheritdoc/>
    public async Task<WorkItem?> LockWorkItemForMessageAsync(string rawMessage, CancellationToken cancellationToken)
    {
        var parsed = RawMessage.Parse(rawMessage);
        if (parsed.Activity is { } request)
        {
            var queued = new QueuedActivity(request) { DeliveryCount = parsed.DeliveryCount };
            return new ActivityWorkItem { InstanceId = request.InstanceId, Request = request, DeliveryCount = parsed.DeliveryCount, BackendState = queued };
        }

        var message = parsed.Message!;
        InMemoryInstance? instance;
        TaskCompletionSource? turn = null;
        lock (_gate)
        {
            if (!_instances.TryGetValue(message.InstanceId, out instance))
            {
                return null; // purged or never existed: nothing can use it
            }

            instance.Inbox.Add(message);
            if (instance.Locked)
            {
                turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                instance.LockWaiters.Enqueue(turn);
            }
            else
            {
                instance.Locked = true;
            }
        }

        if (turn is not null)
        {
            // Throwing hands the message back to the trigger, which delivers it again later.
            try
            {
                await turn.Task.WaitAsync(LockWaitLimit, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (!turn.Task.IsCompletedSuccessfully)
            {
                // Give up the place in line; if the lock was handed over meanwhile, TrySetCanceled fails and we own it.
                if (turn.TrySetCanceled())
                {
                    throw;
                }
            }
        }

        lock (_gate)
        {
            if (instance.Inbox.Count == 0)
            {
                Unlock(instance); // another handler already processed this message in its batch
                return null;
            }

            return LockInstance(instance);
        }
    }
}
