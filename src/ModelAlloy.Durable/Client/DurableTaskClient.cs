using ModelAlloy.Durable.Backend;
using ModelAlloy.Durable.History;
using ModelAlloy.Durable.Serialization;

namespace ModelAlloy.Durable;

/// <summary>Starts, inspects and manages orchestration instances.</summary>
public sealed partial class DurableTaskClient
{
    private readonly IOrchestrationBackend _backend;
    private readonly DurableTaskRegistry _registry;
    private readonly DataConverter _converter;
    private readonly TimeProvider _time;
    private readonly InstanceCommitSignals _signals;

    internal DurableTaskClient(IOrchestrationBackend backend, DurableTaskRegistry registry, DataConverter converter, TimeProvider time, InstanceCommitSignals? signals = null)
    {
        _signals = signals ?? new InstanceCommitSignals();
        _backend = backend;
        _registry = registry;
        _converter = converter;
        _time = time;
    }

    /// <summary>
    /// Starts an orchestration and returns its instance id. The input is serialized here, so a value that cannot be
    /// serialized fails now, naming its type. An existing id follows <see cref="StartOrchestrationOptions.IfExists"/>.
    /// </summary>
    public async Task<string> ScheduleNewOrchestrationInstanceAsync(string name, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        options ??= new StartOrchestrationOptions();
        var instanceId = options.InstanceId ?? Guid.NewGuid().ToString("N");
        InstanceIdRules.Validate(instanceId);
        var serialized = _converter.Serialize(input);
        var now = _time.GetUtcNow().UtcDateTime;
        var startAt = options.StartAt?.UtcDateTime;
        var executionId = Guid.NewGuid().ToString("N");
        var started = new ExecutionStarted(
            name,
            options.Version ?? _registry.VersionOf(name),
            serialized,
            executionId,
            ScheduledStartTime: startAt,
            TraceId: options.TraceId ?? System.Diagnostics.Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N")) { Timestamp = now };
        var message = new OrchestrationMessage(instanceId, executionId, started, $"{instanceId}|{executionId}|start", startAt > now ? startAt : null);
        await _backend.CreateInstanceAsync(message, options.IfExists, cancellationToken).ConfigureAwait(false);
        return instanceId;
    }

    /// <summary>Reads an instance's state; null when no instance has the id.</summary>
    public async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, bool includeHistory = false, CancellationToken cancellationToken = default)
    {
        InstanceIdRules.Validate(instanceId);
        var record = await _backend.GetInstanceAsync(instanceId, includeHistory, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return null;
        }

        return new OrchestrationMetadata(getInputsAndOutputs ? record : record with { Input = null, Output = null }, _converter);
    }

    /// <summary>Lists instances matching the query, one page at a time.</summary>
    public async Task<OrchestrationQueryPage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1, nameof(query.PageSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.PageSize, 1000, nameof(query.PageSize));
        var page = await _backend.QueryInstancesAsync(query, cancellationToken).ConfigureAwait(false);
        return new OrchestrationQueryPage(page.Instances.Select(r => new OrchestrationMetadata(r, _converter)).ToArray(), page.ContinuationToken);
    }

    /// <summary>
    /// Waits until the instance completes, fails or is terminated, and returns its final state (with input and output).
    /// A commit by a worker of this process wakes the wait at once; otherwise the state is polled (1 ms doubling to
    /// 100 ms). Cancel the token to stop waiting; the instance keeps running.
    /// </summary>
    public async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var delay = TimeSpan.FromMilliseconds(1);
        try
        {
            while (true)
            {
                var committed = _signals.NextCommit(instanceId); // before the read, so a commit in between is not missed
                var state = await GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken: cancellationToken).ConfigureAwait(false)
                    ?? throw NotFound(instanceId);
                if (state.IsCompleted)
                {
                    return state;
                }

                await Task.WhenAny(committed, Task.Delay(delay, _time, cancellationToken)).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 100));
            }
        }
        finally
        {
            _signals.Forget(instanceId);
        }
    }

    private static DurableTaskException NotFound(string instanceId) =>
        new(DurableErrorCodes.InstanceNotFound, $"No orchestration instance has the id '{instanceId}'.");
}
