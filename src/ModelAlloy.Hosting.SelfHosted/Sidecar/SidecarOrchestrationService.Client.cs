using DurableTask.Core;
using DurableTask.Core.Query;

namespace ModelAlloy.Hosting.SelfHosted.Sidecar;

/// <summary>The client half: passes through, except for completion waits and the normalization of started instances.</summary>
internal sealed partial class SidecarOrchestrationService : IOrchestrationServiceClient, IOrchestrationServiceQueryClient, IOrchestrationServicePurgeClient
{
    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage) => _client.CreateTaskOrchestrationAsync(Normalized(creationMessage));

    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage, OrchestrationStatus[] dedupeStatuses) =>
        _client.CreateTaskOrchestrationAsync(Normalized(creationMessage), dedupeStatuses);

    public Task SendTaskOrchestrationMessageAsync(TaskMessage message) => _client.SendTaskOrchestrationMessageAsync(Normalized(message));

    public Task SendTaskOrchestrationMessageBatchAsync(params TaskMessage[] messages) =>
        _client.SendTaskOrchestrationMessageBatchAsync(messages.Select(Normalized).ToArray());

    /// <summary>
    /// Waits for a terminal state: wakes when a worker of this process commits one, and otherwise polls (another process
    /// may finish the instance) every <see cref="SidecarServiceOptions.CompletionPollInterval"/>.
    /// </summary>
    public async Task<OrchestrationState> WaitForOrchestrationAsync(string instanceId, string executionId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            deadline.CancelAfter(timeout);
        }

        TaskCompletionSource? committed = null;
        try
        {
            while (true)
            {
                committed = _completions.Register(instanceId);
                OrchestrationState? state = await _client.GetOrchestrationStateAsync(instanceId, executionId).ConfigureAwait(false);
                if (state is not null && IsTerminal(state.OrchestrationStatus))
                {
                    return state;
                }

                await Task.WhenAny(committed.Task, Task.Delay(_options.CompletionPollInterval, deadline.Token)).ConfigureAwait(false);
                deadline.Token.ThrowIfCancellationRequested();
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null!; // DTFx's contract for a wait that timed out
        }
        finally
        {
            if (committed is { Task.IsCompleted: false })
            {
                _completions.Release(instanceId, committed);
            }
        }
    }

    public Task ForceTerminateTaskOrchestrationAsync(string instanceId, string reason) => _client.ForceTerminateTaskOrchestrationAsync(instanceId, reason);

    public Task<IList<OrchestrationState>> GetOrchestrationStateAsync(string instanceId, bool allExecutions) =>
        _client.GetOrchestrationStateAsync(instanceId, allExecutions);

    public Task<OrchestrationState> GetOrchestrationStateAsync(string instanceId, string executionId) =>
        _client.GetOrchestrationStateAsync(instanceId, executionId);

    public Task<string> GetOrchestrationHistoryAsync(string instanceId, string executionId) => _client.GetOrchestrationHistoryAsync(instanceId, executionId);

    public Task PurgeOrchestrationHistoryAsync(DateTime thresholdDateTimeUtc, OrchestrationStateTimeRangeFilterType timeRangeFilterType) =>
        _client.PurgeOrchestrationHistoryAsync(thresholdDateTimeUtc, timeRangeFilterType);

    public Task<OrchestrationQueryResult> GetOrchestrationWithQueryAsync(OrchestrationQuery query, CancellationToken cancellationToken) =>
        _inner is IOrchestrationServiceQueryClient query1
            ? query1.GetOrchestrationWithQueryAsync(query, cancellationToken)
            : throw new NotSupportedException($"{_inner.GetType().Name} cannot query instances");

    public Task<PurgeResult> PurgeInstanceStateAsync(string instanceId) =>
        _inner is IOrchestrationServicePurgeClient purge
            ? purge.PurgeInstanceStateAsync(instanceId)
            : throw new NotSupportedException($"{_inner.GetType().Name} cannot purge instances");

    public Task<PurgeResult> PurgeInstanceStateAsync(PurgeInstanceFilter purgeInstanceFilter) =>
        _inner is IOrchestrationServicePurgeClient purge
            ? purge.PurgeInstanceStateAsync(purgeInstanceFilter)
            : throw new NotSupportedException($"{_inner.GetType().Name} cannot purge instances");

    private TaskMessage Normalized(TaskMessage message)
    {
        if (_options.NormalizeHistory && message is not null)
        {
            message.Event = HistoryNormalizer.Normalize(message.Event);
        }

        return message!;
    }
}
