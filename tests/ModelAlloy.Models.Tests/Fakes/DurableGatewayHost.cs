using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelAlloy.Durable;
using ModelAlloy.Durable.Backend;
using ModelAlloy.Durable.Worker;
using ModelAlloy.Models.Durable;

namespace ModelAlloy.Models.Tests.Fakes;

/// <summary>The engine on its in-memory backend, with the gateway and its activities registered, and a polling worker.</summary>
public sealed class DurableGatewayHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly CancellationTokenSource _stop = new();

    private DurableGatewayHost(ServiceProvider services, WriteFaultInjector faults, CapturingLoggerProvider logs)
    {
        _services = services;
        Faults = faults;
        Logs = logs;
    }

    public WriteFaultInjector Faults { get; }

    public CapturingLoggerProvider Logs { get; }

    public DurableTaskClient Client => _services.GetRequiredService<DurableTaskClient>();

    public InMemoryCostLedger Ledger => (InMemoryCostLedger)_services.GetRequiredService<ICostLedger>();

    public ICostLedger AnyLedger => _services.GetRequiredService<ICostLedger>();

    public static async Task<DurableGatewayHost> StartAsync(
        ModelGatewayOptions options, Action<DurableTaskRegistry> orchestrators, Action<IServiceCollection>? configure = null)
    {
        var faults = new WriteFaultInjector();
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        GatewayHarness.AddGateway(services, options, logs, configure);
        services.AddDurableTask(b =>
        {
            b.UseInMemoryBackend(o =>
            {
                o.Faults = faults;
                o.MaxPollWait = TimeSpan.FromMilliseconds(100);
            });
            b.AddTasks(r => orchestrators(r.AddModelGatewayActivities()));
        });
        var host = new DurableGatewayHost(services.BuildServiceProvider(), faults, logs);
        await host._services.GetRequiredService<DurableTaskWorker>().StartAsync(host._stop.Token);
        return host;
    }

    public async Task<OrchestrationMetadata> RunAsync(string name, object? input, string instanceId)
    {
        await StartAsync(name, input, instanceId);
        return await CompletionAsync(instanceId);
    }

    public Task StartAsync(string name, object? input, string instanceId) =>
        Client.ScheduleNewOrchestrationInstanceAsync(name, input, new StartOrchestrationOptions { InstanceId = instanceId });

    public async Task<OrchestrationMetadata> CompletionAsync(string instanceId)
    {
        await Client.WaitForInstanceCompletionAsync(instanceId, TestTimeout.Token());
        return (await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, includeHistory: true))!;
    }

    /// <summary>Polls the running instance until its custom status satisfies <paramref name="until"/> (within the test deadline).</summary>
    public async Task<T> WaitForCustomStatusAsync<T>(string instanceId, Func<T?, bool> until)
    {
        CancellationToken deadline = TestTimeout.Token();
        while (true)
        {
            OrchestrationMetadata run = (await Client.GetInstanceAsync(instanceId, cancellationToken: deadline))!;
            T? status = run.SerializedCustomStatus is null ? default : run.ReadCustomStatusAs<T>();
            if (until(status))
            {
                return status!;
            }

            Assert.False(run.IsCompleted, $"{run} finished while waiting for its custom status: {run.FailureDetails}");
            await Task.Delay(TimeSpan.FromMilliseconds(20), deadline);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _services.GetRequiredService<DurableTaskWorker>().StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
        _stop.Dispose();
    }
}
