using Microsoft.Extensions.DependencyInjection;
using ModelAlloy.Durable.Backend;

namespace ModelAlloy.Durable.Testing;

/// <summary>
/// Base of every conformance class: which backend, which delivery mode, a host factory, and the knobs a slower
/// backend (Azure Storage on Azurite) may turn down.
/// </summary>
public abstract class ConformanceTest(IBackendFactory factory)
{
    /// <summary>The backend under test.</summary>
    protected IBackendFactory Factory { get; } = factory;

    /// <summary>When true the worker is fed single raw messages (the Azure Functions queue-trigger path) instead of polling.</summary>
    protected virtual bool ExternalDelivery => false;

    /// <summary>
    /// Multiplies the sizes of the scale tests (fan-out width, history length, concurrent instances). 1.0 runs
    /// the sizes the issue names; a remote backend may lower it to stay within its time budget.
    /// </summary>
    protected virtual double ScaleFactor => 1.0;

    /// <summary>
    /// The fault-injection sweep fails write #k for every k that is a multiple of this stride (1 = every write).
    /// A backend whose runs are slow may raise it to sample the writes instead.
    /// </summary>
    protected virtual int FaultInjectionStride => 1;

    /// <summary>The <see cref="WriteFaultInjector"/> point at which the backend appends history (see its docs).</summary>
    protected virtual string HistoryWritePoint => WriteFaultInjector.WritePoints.CommitHistory;

    /// <summary>A size scaled by <see cref="ScaleFactor"/>, at least 1.</summary>
    protected int Scaled(int size) => Math.Max(1, (int)Math.Round(size * ScaleFactor));

    /// <summary>Creates and starts a host with the given registrations.</summary>
    protected async Task<DurableTestHost> StartHostAsync(
        Action<DurableTaskRegistry> tasks,
        Action<DurableTaskWorkerOptions>? worker = null,
        TimeProvider? time = null,
        Func<IOrchestrationBackend, IOrchestrationBackend>? decorate = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var host = await CreateHostAsync(tasks, worker, time, decorate, configureServices);
        return await host.StartAsync();
    }

    /// <summary>Creates a host without starting its worker, so a test can prepare state (messages, faults) first.</summary>
    protected Task<DurableTestHost> CreateHostAsync(
        Action<DurableTaskRegistry> tasks,
        Action<DurableTaskWorkerOptions>? worker = null,
        TimeProvider? time = null,
        Func<IOrchestrationBackend, IOrchestrationBackend>? decorate = null,
        Action<IServiceCollection>? configureServices = null) =>
        DurableTestHost.CreateAsync(Factory, tasks, ExternalDelivery, worker, time, decorate, configureServices);
}
