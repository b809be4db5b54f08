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
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _drivers = [];
    private bool _started;

    private DurableTestHost(ServiceProvider services, IBackendFactory factory, IOrchestrationBackend backend, WriteFaultInjector faults, bool externalDelivery)
    {
        _services = services;
        _factory = factory;
        Backend = backend;
        Faults = faults;
        ExternalDelivery = externalDelivery;
    }

    /// <summary>Upper bound for any single test wait.</summary>
    public static TimeSpan Timeout { get; } = TimeSpan.FromSeconds(System.Diagnostics.Debugger.IsAttached ? 600 : 60);

    public IOrchestrationBackend Backend { get; }

    public WriteFaultInjector Faults { get; }

    public bool ExternalDelivery { get; }

    public DurableTaskClient Client => _services.GetRequiredService<DurableTaskClient>();

    public DurableTaskWorker Worker => _services.GetRequiredService<DurableTaskWorker>();

    /// <summary>Raw messages handed to the worker in single-message mode.</summary>
    public int HandledRawMessages;

    /// <summary>Creates a host; call <see cref="StartAsync"/> to start processing.</summary>
    public static async Task<DurableTestHost> CreateAsync(
        IBackendFactory factory,
        Action<DurableTaskRegistry> tasks,
        bool externalDelivery = false,
        Action<DurableTaskWorkerOptions>? worker = null,
        TimeProvider? time = null)
    {
        var faults = new WriteFaultInjector();
        time ??= TimeProvider.System;
        using var timeout = new CancellationTokenSource(Timeout);
        var backend = await factory.CreateAsync(faults, externalDelivery, time, timeout.Token);
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(time);
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
        return new DurableTestHost(services.BuildServiceProvider(), factory, backend, faults, externalDelivery);
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
                var raw = await _factory.ReceiveRawMessageAsync(Backend, TimeSpan.FromMilliseconds(200), _stop.Token);
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

    /// <summary>Waits (bounded) for an instance to finish.</summary>
    public async Task<OrchestrationMetadata> WaitAsync(string instanceId)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            return await Client.WaitForInstanceCompletionAsync(instanceId, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            var state = await Client.GetInstanceAsync(instanceId, includeHistory: true);
            throw new TimeoutException($"Instance '{instanceId}' did not finish within {Timeout}; it is {state?.RuntimeStatus}, history: " +
                string.Join(", ", state?.History?.Select(e => e.GetType().Name) ?? []));
        }
    }

    /// <summary>Waits (bounded) until a condition on the instance holds.</summary>
    public async Task<OrchestrationMetadata> WaitUntilAsync(string instanceId, Func<OrchestrationMetadata, bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var state = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, includeHistory: true);
            if (state is not null && condition(state))
            {
                return state;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Instance '{instanceId}' never reached the expected state; it is {state?.RuntimeStatus}.");
            }

            await Task.Delay(5);
        }
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
        await _factory.DisposeAsync(Backend);
        _stop.Dispose();
    }
}
