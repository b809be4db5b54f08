using System.Diagnostics;
using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Serializing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using ModelAlloy.Hosting.SelfHosted;

namespace ModelAlloy.Bench;

/// <summary>One engine workload: an orchestration of <see cref="Size"/> trivial activities and the output it must return.</summary>
internal sealed record EngineWorkload(string Name, bool IsFanOut, int Size)
{
    public long Expected => IsFanOut ? (long)Size * (Size + 1) / 2 : Size;

    public void Check(string id, string status, long? output, string? failure)
    {
        if (output != Expected)
        {
            throw new InvalidOperationException($"{Name} ({id}) ended {status} with output {output?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, expected {Expected}: {failure}");
        }
    }

    public void ThrowIfTooLong(string id, Stopwatch clock)
    {
        if (clock.Elapsed > TimeSpan.FromMinutes(2))
        {
            throw new TimeoutException($"{Name} ({id}) did not complete in 2 minutes");
        }
    }
}

/// <summary>One run: the completion seen by polling, and (sidecar only) the completion seen by the SDK client's own wait.</summary>
internal sealed record EngineSample(string InstanceId, TimeSpan Polled, TimeSpan? OwnWait);

/// <summary>An engine that runs the engine workloads and reports when each run was seen complete.</summary>
internal interface IEngine : IAsyncDisposable
{
    string Name { get; }

    Task<EngineSample> RunAsync(EngineWorkload workload, TimeSpan poll, CancellationToken cancellationToken);

    /// <summary>Returns an instance's history (DTFx events, with their timestamps).</summary>
    Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId);
}

/// <summary>The product: Durable Task SDK worker + client over the in-process gRPC sidecar on DTFx (<see cref="SelfHostedDurableHost"/>).</summary>
internal sealed class SidecarEngine(string name, SelfHostedDurableHost host) : IEngine
{
    public string Name { get; } = name;

    public DurableTaskClient Client => host.Client;

    public static async Task<SidecarEngine> StartAsync(string name, SelfHostedOptions options, IConfiguration catalog, ILoggerFactory logs) =>
        new(name, await SelfHostedDurableHost.StartAsync(options, catalog, registerTasks: SdkWorkloads.Register, loggerFactory: logs));

    public async Task<EngineSample> RunAsync(EngineWorkload workload, TimeSpan poll, CancellationToken cancellationToken)
    {
        DurableTaskClient client = host.Client;
        var clock = Stopwatch.StartNew();
        string id = await client.ScheduleNewOrchestrationInstanceAsync(workload.IsFanOut ? SdkWorkloads.FanOut : SdkWorkloads.Chain, workload.Size, cancellationToken);

        // The client's own completion wait (the sidecar wakes it when this process commits the end), beside the polling.
        Task<TimeSpan> ownWait = WaitAsync();
        TimeSpan polled;
        while (true)
        {
            OrchestrationMetadata? state = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
            if (state is { IsCompleted: true })
            {
                polled = clock.Elapsed;
                workload.Check(id, state.RuntimeStatus.ToString(), state.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? state.ReadOutputAs<long>() : null, state.FailureDetails?.ToString());
                break;
            }

            workload.ThrowIfTooLong(id, clock);
            await Task.Delay(poll, cancellationToken);
        }

        return new EngineSample(id, polled, await ownWait);

        async Task<TimeSpan> WaitAsync()
        {
            await client.WaitForInstanceCompletionAsync(id, cancellationToken);
            return clock.Elapsed;
        }
    }

    /// <summary>In-memory: the history the sidecar recorded (DTFx in-memory returns none); Azure Storage: the history table.</summary>
    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId) => History.OfAsync(host, instanceId);

    public ValueTask DisposeAsync() => host.DisposeAsync();
}

/// <summary>DTFx alone: its own <see cref="TaskHubWorker"/> and <see cref="TaskHubClient"/> directly over <see cref="AzureStorageOrchestrationService"/>.</summary>
internal sealed class DtfxEngine : IEngine
{
    private readonly AzureStorageOrchestrationService _service;
    private readonly TaskHubWorker _worker;
    private readonly TaskHubClient _client;

    private DtfxEngine(string name, AzureStorageOrchestrationService service, TaskHubWorker worker, ILoggerFactory logs)
    {
        Name = name;
        _service = service;
        _worker = worker;
        _client = new TaskHubClient(service, new JsonDataConverter(), logs);
    }

    public string Name { get; }

    public static async Task<DtfxEngine> StartAsync(string name, AzureStorageOrchestrationServiceSettings settings, ILoggerFactory logs)
    {
        settings.LoggerFactory = logs;
        var service = new AzureStorageOrchestrationService(settings);
        await service.CreateIfNotExistsAsync();
        var worker = new TaskHubWorker(service, logs);
        worker.AddTaskOrchestrations(DtfxWorkloads.Orchestrations);
        worker.AddTaskActivities(DtfxWorkloads.Activities);
        await worker.StartAsync();
        return new DtfxEngine(name, service, worker, logs);
    }

    /// <summary>The settings the sidecar's factory derives from the same <see cref="SelfHostedOptions"/>, on another task hub.</summary>
    public static AzureStorageOrchestrationServiceSettings SettingsLikeTheSidecar(SelfHostedOptions options, string connectionString, string taskHub)
    {
        AzureStorageOrchestrationServiceSettings settings = ModelAlloy.Hosting.SelfHosted.Backends.OrchestrationServiceFactory.AzureStorageSettings(
            options, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        settings.TaskHubName = taskHub;
        settings.StorageAccountClientProvider = new StorageAccountClientProvider(connectionString);
        settings.WorkerId = $"{Environment.MachineName}-{Environment.ProcessId}-dtfx";
        return settings;
    }

    public async Task<EngineSample> RunAsync(EngineWorkload workload, TimeSpan poll, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        OrchestrationInstance instance = await _client.CreateOrchestrationInstanceAsync(
            workload.IsFanOut ? typeof(DtfxWorkloads.FanOutFanIn) : typeof(DtfxWorkloads.Chain), workload.Size);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            OrchestrationState? state = await _client.GetOrchestrationStateAsync(instance.InstanceId);
            if (state?.OrchestrationStatus is OrchestrationStatus.Completed or OrchestrationStatus.Failed or OrchestrationStatus.Terminated or OrchestrationStatus.Canceled)
            {
                TimeSpan polled = clock.Elapsed;
                long? output = state.OrchestrationStatus == OrchestrationStatus.Completed ? long.Parse(state.Output, System.Globalization.CultureInfo.InvariantCulture) : null;
                workload.Check(instance.InstanceId, state.OrchestrationStatus.ToString(), output, state.FailureDetails?.ToString() ?? state.Output);
                return new EngineSample(instance.InstanceId, polled, null);
            }

            workload.ThrowIfTooLong(instance.InstanceId, clock);
            await Task.Delay(poll, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId) =>
        History.Parse(await ((IOrchestrationServiceClient)_service).GetOrchestrationHistoryAsync(instanceId, null));

    public async ValueTask DisposeAsync()
    {
        await _worker.StopAsync(isForced: true);
        _worker.Dispose();
        _service.Dispose();
    }
}

/// <summary>
/// Reads the history JSON DTFx Azure Storage's clients return (no type names: each event by its <c>EventType</c>),
/// keeping the events the breakdown needs.
/// </summary>
internal static class History
{
    /// <summary>A self-hosted instance's history: in-memory, what the sidecar recorded (DTFx in-memory returns none); Azure Storage, the history table.</summary>
    public static async Task<IReadOnlyList<HistoryEvent>> OfAsync(SelfHostedDurableHost host, string instanceId) =>
        host.Sidecar.GetRecordedHistory(instanceId) is { Count: > 0 } recorded
            ? recorded
            : Parse(await host.Sidecar.OrchestrationClient.GetOrchestrationHistoryAsync(instanceId, null));

    public static IReadOnlyList<HistoryEvent> Parse(string json)
    {
        var events = new List<HistoryEvent>();
        foreach (JObject e in JArray.Parse(json).Cast<JObject>())
        {
            JToken kind = e["EventType"]!;
            EventType type = kind.Type == JTokenType.Integer ? (EventType)kind.Value<int>() : Enum.Parse<EventType>(kind.Value<string>()!, ignoreCase: true);
            int id = e.Value<int?>("EventId") ?? -1;
            DateTime timestamp = e.Value<DateTime>("Timestamp");
            HistoryEvent? parsed = type switch
            {
                EventType.OrchestratorStarted => new OrchestratorStartedEvent(id),
                EventType.TaskScheduled => new TaskScheduledEvent(id) { Name = e.Value<string>("Name") },
                EventType.TaskCompleted => new TaskCompletedEvent(id, e.Value<int>("TaskScheduledId"), null),
                EventType.ExecutionStarted => new ExecutionStartedEvent(id, null),
                EventType.OrchestratorCompleted => new OrchestratorCompletedEvent(id),
                _ => null,
            };
            if (parsed is not null)
            {
                parsed.Timestamp = timestamp;
                events.Add(parsed);
            }
        }

        return events;
    }
}
