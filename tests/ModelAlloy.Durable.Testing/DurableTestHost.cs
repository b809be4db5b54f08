using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelAlloy.Durable.Backend;
using ModelAlloy.Durable.Worker;

namespace ModelAlloy.Durable.Testing;

/// <summary>
/// An engine wired to a backend under test: registry, client, and a worker that either polls or, in single-message
/// mode, is fed raw queue messages by a driver loop the way an Azure Functions queue trigger would feed it.
/// Disposing stops everything. Every wait is bounded by <see cref="Timeout"/> so nothing hangs CI.
/// </summary>
public sealed class DurableTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IBackendFactory _factory;
    private readonly IOrchestrationBackend _stored;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _drivers = [];
    private bool _started;

    private DurableTestHost(ServiceProvider services, IBackendFactory factory, IOrchestrationBackend stored, IOrchestrationBackend backend, WriteFaultInjector faults, bool externalDelivery)
    {
        _services = services;
        _factory = factory;
        _stored = stored;
        Backend = backend;
        Faults = faults;
        ExternalDelivery = externalDelivery;
    }

    /// <summary>Upper bound for any single test wait.</summary>
    public static TimeSpan Timeout { get; } = TimeSpan.FromSeconds(System.Diagnostics.Debugger.IsAttached ? 600 : 60);

    /// <summary>The backend the engine talks to (the factory's backend, possibly wrapped by a test decorator).</summary>
    public IOrchestrationBackend Backend { get; }

    public WriteFaultInjector Faults { get; }

    public bool ExternalDelivery { get; }

    public IServiceProvider Services => _services;

    public DurableTaskClient Client => _services.GetRequiredService<DurableTaskClient>();

    public DurableTaskWorker Worker => _services.GetRequiredService<DurableTaskWorker>();

    /// <summary>Raw messages handed to the worker in single-message mode.</summary>
    public int HandledRawMessages;

    /// <summary>Creates a host; call <see cref="StartAsync"/> to start processing.</summary>
    /// <param name="decorate">Wraps the factory's backend (duplicating, reordering) before the engine sees it.</param>
    /// <param name="configureServices">Adds services, for example a logger provider that captures lines.</param>
    public static async Task<DurableTestHost> CreateAsync(
        IBackendFactory factory,
        Action<DurableTaskRegistry> tasks,
        bool externalDelivery = false,
        Action<DurableTaskWorkerOptions>? worker = null,
        TimeProvider? time = null,
        Func<IOrchestrationBackend, IOrchestrationBackend>? decorate = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var faults = new WriteFaultInjector();
        time ??= TimeProvider.System;
        using var timeout = new CancellationTokenSource(Timeout);
        var stored = await factory.CreateAsync(faults, externalDelivery, time, timeout.Token);
        var backend = decorate?.Invoke(stored) ?? stored;
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(time);
        configureServices?.Invoke(services);
        services.AddDurableTask(b =>
        {
            b.UseBackend(_ => backend);
            b.AddTasks(tasks);
            b.ConfigureWorker(o =>
            {
                o.EnablePolling = !externalDelivery;
                o.MaxConcurrentOrchestrations = 4;
                o.MaxConcurrentActivities = 16;
                worker?.Invoke(o);
            });
        });
        return new DurableTestHost(services.BuildServiceProvider(), factory, stored, backend, faults, externalDelivery);
    }

    /// <summary>Starts the poll loops, or the single-message drivers.</summary>
    public async Task<DurableTestHost> StartAsync()
    {
        _started = true;
        if (!ExternalDelivery)
        {
            await Worker.StartAsync(_stop.Token);
            return this;
        }

        for (var i = 0; i < 4; i++)
        {
            _drivers.Add(Task.Run(DriveAsync));
        }

        return this;
    }

    private async Task DriveAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var raw = await _factory.ReceiveRawMessageAsync(_stored, TimeSpan.FromMilliseconds(200), _stop.Token);
                if (raw is null)
                {
                    continue;
                }

                Interlocked.Increment(ref HandledRawMessages);
                await Worker.HandleMessageAsync(raw, _stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception)
            {
                // The trigger host would retry the message; the backend's redelivery covers that here.
            }
        }
    }

    /// <summary>Starts an orchestration and waits (bounded) for it to finish.</summary>
    public async Task<OrchestrationMetadata> RunAsync(string name, object? input = null, StartOrchestrationOptions? options = null)
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(name, input, options);
        return await WaitAsync(id);
    }

    /// <summary>Waits (bounded) for an instance to finish; returns its state with input, output and history.</summary>
    public Task<OrchestrationMetadata> WaitAsync(string instanceId) =>
        WaitUntilAsync(instanceId, s => s.IsCompleted, "finished");

    /// <summary>
    /// Waits (bounded) until a condition on the instance holds. Polls on the real clock, so it also works when the
    /// engine runs on a fake <see cref="TimeProvider"/>.
    /// </summary>
    public async Task<OrchestrationMetadata> WaitUntilAsync(string instanceId, Func<OrchestrationMetadata, bool> condition, string? what = null, bool includeHistory = true)
    {
        var deadline = DateTime.UtcNow + Timeout;
        var delay = 2;
        while (true)
        {
            var state = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, includeHistory: includeHistory);
            if (state is not null && condition(state))
            {
                return state;
            }

            if (DateTime.UtcNow > deadline)
            {
                var detail = await Client.GetInstanceAsync(instanceId, includeHistory: true);
                throw new TimeoutException($"Instance '{instanceId}' was not {what ?? "in the expected state"} within {Timeout}; it is {detail?.RuntimeStatus}, history: " +
                    string.Join(", ", detail?.History?.Select(e => e.GetType().Name).TakeLast(30) ?? []));
            }

            await Task.Delay(delay);
            delay = Math.Min(delay * 2, 50);
        }
    }

    /// <summary>Waits (bounded) for every instance to finish.</summary>
    public async Task<OrchestrationMetadata[]> WaitAllAsync(IEnumerable<string> instanceIds)
    {
        var results = new List<OrchestrationMetadata>();
        foreach (var id in instanceIds)
        {
            results.Add(await WaitUntilAsync(id, s => s.IsCompleted, "finished", includeHistory: false));
        }

        return [.. results];
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        if (_started && !ExternalDelivery)
        {
            await Worker.StopAsync(CancellationToken.None);
        }

        await Task.WhenAll(_drivers);
        await _services.DisposeAsync();
        await _factory.DisposeAsync(_stored);
        _stop.Dispose();
    }
}
