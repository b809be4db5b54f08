using DurableTask.Core;

namespace ModelAlloy.Hosting.SelfHosted.Sidecar;

/// <summary>
/// The one place where the known defects of the gRPC sidecar over a DTFx orchestration service are handled; everything
/// else passes straight to the DTFx service. It fixes:
/// <list type="bullet">
/// <item>concurrency: DTFx in-memory allows <c>Environment.ProcessorCount</c> concurrent activities and the sidecar
/// sleeps 500 ms whenever they are all busy (a fan-out of 100 took 24.5 s on 2 cores): the limits come from options;</item>
/// <item>sub-orchestrations on Azure Storage: history and messages are normalized (<see cref="HistoryNormalizer"/>);</item>
/// <item>early timers on Azure Storage: fire times are aligned to whole seconds (<see cref="TimerAlignment"/>);</item>
/// <item>slow completion waits: DTFx Azure Storage polls every 2 s; waits here wake on a local commit and poll fast.</item>
/// </list>
/// </summary>
internal sealed partial class SidecarOrchestrationService : IOrchestrationService
{
    private readonly IOrchestrationService _inner;
    private readonly IOrchestrationServiceClient _client;
    private readonly SidecarServiceOptions _options;
    private readonly CompletionSignals _completions = new();
    private readonly HistoryJournal? _journal;

    public SidecarOrchestrationService(IOrchestrationService inner, SidecarServiceOptions options)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(options);
        _inner = inner;
        _client = inner as IOrchestrationServiceClient
            ?? throw new ArgumentException($"{inner.GetType().Name} is not an IOrchestrationServiceClient", nameof(inner));
        _options = options;
        _journal = options.RecordHistory ? new HistoryJournal() : null;
    }

    /// <summary>Gets the DTFx service underneath (for history reads in diagnostics and tests).</summary>
    public IOrchestrationService Inner => _inner;

    /// <summary>Gets the history this process committed for an instance (empty unless <see cref="SidecarServiceOptions.RecordHistory"/>).</summary>
    /// <param name="instanceId">The instance.</param>
    /// <returns>The events in commit order.</returns>
    public IReadOnlyList<DurableTask.Core.History.HistoryEvent> GetRecordedHistory(string instanceId) => _journal?.Get(instanceId) ?? [];

    public int TaskOrchestrationDispatcherCount => _inner.TaskOrchestrationDispatcherCount;

    public int MaxConcurrentTaskOrchestrationWorkItems => _options.MaxConcurrentOrchestrations;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => _inner.EventBehaviourForContinueAsNew;

    public int TaskActivityDispatcherCount => _inner.TaskActivityDispatcherCount;

    public int MaxConcurrentTaskActivityWorkItems => _options.MaxConcurrentActivities;

    public Task StartAsync() => _inner.StartAsync();

    public Task StopAsync() => _inner.StopAsync();

    public Task StopAsync(bool isForced) => _inner.StopAsync(isForced);

    public Task CreateAsync() => _inner.CreateAsync();

    public Task CreateAsync(bool recreateInstanceStore) => _inner.CreateAsync(recreateInstanceStore);

    public Task CreateIfNotExistsAsync() => _inner.CreateIfNotExistsAsync();

    public Task DeleteAsync() => _inner.DeleteAsync();

    public Task DeleteAsync(bool deleteInstanceStore) => _inner.DeleteAsync(deleteInstanceStore);

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) =>
        _inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => _inner.GetDelayInSecondsAfterOnProcessException(exception);

    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => _inner.GetDelayInSecondsAfterOnFetchException(exception);

    public Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        _inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => _inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public async Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        if (_options.NormalizeHistory)
        {
            HistoryNormalizer.Normalize(newOrchestrationRuntimeState ?? workItem.OrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages);
            if (continuedAsNewMessage is not null)
            {
                continuedAsNewMessage.Event = HistoryNormalizer.Normalize(continuedAsNewMessage.Event);
            }
        }

        if (_options.AlignTimersToWholeSeconds)
        {
            TimerAlignment.Align(timerMessages, DateTime.UtcNow);
        }

        await _inner.CompleteTaskOrchestrationWorkItemAsync(
            workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState).ConfigureAwait(false);
        _journal?.Append(workItem.InstanceId, (newOrchestrationRuntimeState ?? workItem.OrchestrationRuntimeState).NewEvents);
        if (orchestrationState is { } state && IsTerminal(state.OrchestrationStatus))
        {
            _completions.Signal(workItem.InstanceId);
        }
    }

    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => _inner.AbandonTaskOrchestrationWorkItemAsync(workItem);

    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => _inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);

    public Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        _inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => _inner.RenewTaskActivityWorkItemLockAsync(workItem);

    public Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage) =>
        _options.LoseActivityResult is { } lose && workItem.TaskMessage.Event is DurableTask.Core.History.TaskScheduledEvent { Name: { } name } && lose(name)
            ? _inner.AbandonTaskActivityWorkItemAsync(workItem)
            : _inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);

    public Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem) => _inner.AbandonTaskActivityWorkItemAsync(workItem);

    private static bool IsTerminal(OrchestrationStatus status) =>
        status is OrchestrationStatus.Completed or OrchestrationStatus.Failed or OrchestrationStatus.Terminated or OrchestrationStatus.Canceled;
}
