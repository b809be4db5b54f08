using ModelAlloy.Durable.Backend;
using ModelAlloy.Durable.History;

namespace ModelAlloy.Durable.Testing.Backends;

/// <summary>
/// Holds activity results back until <paramref name="batchSize"/> of them have completed, then delivers them
/// latest-scheduled first (highest task id first), the reverse of the order the orchestrator awaits them.
/// Later results pass straight through. Completing never blocks, so single-message drivers keep running while
/// results are held.
/// </summary>
public sealed class ReorderingBackend(IOrchestrationBackend inner, int batchSize) : DelegatingOrchestrationBackend(inner)
{
    private readonly Lock _gate = new();
    private readonly List<(ActivityWorkItem WorkItem, OrchestrationMessage Result)> _held = [];
    private bool _flushed;

    public override async Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, OrchestrationMessage result, CancellationToken cancellationToken)
    {
        (ActivityWorkItem WorkItem, OrchestrationMessage Result)[] release;
        lock (_gate)
        {
            if (!_flushed)
            {
                _held.Add((workItem, result));
                if (_held.Count < batchSize)
                {
                    return;
                }

                _flushed = true;
            }

            release = _held.Count > 0 ? [.. _held.OrderByDescending(h => h.WorkItem.Request.TaskId)] : [(workItem, result)];
            _held.Clear();
        }

        foreach (var (item, message) in release)
        {
            await Inner.CompleteActivityWorkItemAsync(item, message, CancellationToken.None);
        }
    }
}
