using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModelAlloy.Durable.Backend;
using ModelAlloy.Durable.InMemory;
using ModelAlloy.Durable.Serialization;

namespace ModelAlloy.Durable;

/// <summary>Configures the engine inside <see cref="DurableTaskServiceCollectionExtensions.AddDurableTask"/>.</summary>
public sealed class DurableTaskBuilder
{
    internal DurableTaskBuilder(IServiceCollection services, DurableTaskRegistry registry)
    {
        Services = services;
        Registry = registry;
    }

    /// <summary>The service collection being configured.</summary>
    public IServiceCollection Services { get; }

    /// <summary>The orchestrators and activities to run.</summary>
    public DurableTaskRegistry Registry { get; }

    /// <summary>Registers orchestrators and activities.</summary>
    public DurableTaskBuilder AddTasks(Action<DurableTaskRegistry> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(Registry);
        return this;
    }

    /// <summary>Uses a backend created from the service provider.</summary>
    public DurableTaskBuilder UseBackend(Func<IServiceProvider, IOrchestrationBackend> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Services.RemoveAll<IOrchestrationBackend>();
        Services.AddSingleton(factory);
        return this;
    }

    /// <summary>Keeps everything in process memory (tests, demos).</summary>
    public DurableTaskBuilder UseInMemoryBackend(Action<InMemoryBackendOptions>? configure = null)
    {
        var options = new InMemoryBackendOptions();
        configure?.Invoke(options);
        return UseBackend(sp => new InMemoryOrchestrationBackend(options, sp.GetService<TimeProvider>()));
    }

    /// <summary>Changes how payloads are serialized.</summary>
    public DurableTaskBuilder UseDataConverter(DataConverter converter)
    {
        ArgumentNullException.ThrowIfNull(converter);
        Services.RemoveAll<DataConverter>();
        Services.AddSingleton(converter);
        return this;
    }

    /// <summary>Configures the worker (concurrency, cache size, polling).</summary>
    public DurableTaskBuilder ConfigureWorker(Action<DurableTaskWorkerOptions> configure)
    {
        Services.Configure(configure);
        return this;
    }
}
