using ModelAlloy.Durable.History;

namespace ModelAlloy.Durable.AzureStorage;

/// <summary>
/// Group commit for activity results: results for one instance that finish close together travel in one queue
/// message (so a fan-in of 100 is a handful of messages and episodes, not 100). A batch is sent as soon as no other
/// request of its instance is still running here, or after a short window, so a chain pays no extra latency.
/// Every caller awaits the send of its batch: a result is durable before its request is deleted.
/// </summary>
internal sealed class ResultBatcher(MessageSender sender, Func<string, int> unfinished, TimeSpan window)
{
    private const int MaxBatch = 100;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Batch> _open = new(StringComparer.Ordinal);

    public Task SendAsync(OrchestrationMessage result, string? traceId, CancellationToken cancellationToken)
    {
        Batch batch;
        bool owner;
        lock (_gate)
        {
            owner = !_open.TryGetValue(result.InstanceId, out batch!);
            if (owner)
            {
                batch = new Batch(traceId);
                _open[result.InstanceId] = batch;
            }

            batch.Messages.Add(result);
            if (batch.Messages.Count >= MaxBatch)
            {
                _open.Remove(result.InstanceId);
                batch.Closed = true;
            }
        }

        batch.Arrived.TrySetResult();
        if (owner)
        {
            _ = FlushWhenReadyAsync(result.InstanceId, batch, cancellationToken);
        }

        return batch.Sent.Task;
    }

    private async Task FlushWhenReadyAsync(string instanceId, Batch batch, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + window;
        while (true)
        {
            Task arrived;
            lock (_gate)
            {
                // Requests still running here (those already batched have been finished by their callers).
                if (batch.Closed || unfinished(instanceId) == 0 || DateTime.UtcNow >= deadline)
                {
                    if (!batch.Closed)
                    {
                        _open.Remove(instanceId);
                        batch.Closed = true;
                    }

                    break;
                }

                batch.Arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                arrived = batch.Arrived.Task;
            }

            await Task.WhenAny(arrived, Task.Delay(TimeSpan.FromMilliseconds(2), CancellationToken.None)).ConfigureAwait(false);
        }

        try
        {
            await sender.SendAsync(MessageEnvelope.For(batch.Messages.ToArray(), batch.TraceId), "activity.result", cancellationToken).ConfigureAwait(false);
            batch.Sent.TrySetResult();
        }
        catch (Exception ex)
        {
            batch.Sent.TrySetException(ex);
        }
    }

    private sealed class Batch(string? traceId)
    {
        public string? TraceId { get; } = traceId;

        public List<OrchestrationMessage> Messages { get; } = [];

        public bool Closed { get; set; }

        public TaskCompletionSource Arrived { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Sent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
