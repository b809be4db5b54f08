namespace ModelAlloy.Durable.Testing;

/// <summary>Base of every conformance class: which backend, which delivery mode, and a host factory.</summary>
public abstract class ConformanceTest(IBackendFactory factory)
{
    /// <summary>The backend under test.</summary>
    protected IBackendFactory Factory { get; } = factory;

    /// <summary>When true the worker is fed single raw messages (the Azure Functions queue-trigger path) instead of polling.</summary>
    protected virtual bool ExternalDelivery => false;

    /// <summary>Creates and starts a host with the given registrations.</summary>
    protected async Task<DurableTestHost> StartHostAsync(Action<DurableTaskRegistry> tasks, Action<DurableTaskWorkerOptions>? worker = null, TimeProvider? time = null)
    {
        var host = await DurableTestHost.CreateAsync(Factory, tasks, ExternalDelivery, worker, time);
        return await host.StartAsync();
    }
}
