using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ModelAlloy.Durable.Backend;
using ModelAlloy.Durable.Replay;
using ModelAlloy.Durable.Serialization;
using ModelAlloy.Durable.Worker;

namespace ModelAlloy.Durable;

/// <summary>Registers the durable engine in a service collection.</summary>
public static class DurableTaskServiceCollectionExtensions
{
    /// <summary>
    /// Adds the engine: registry, client, worker (as a hosted service that polls unless disabled) and, unless the
    /// builder chooses another, the in-memory backend.
    /// </summary>
    public static IServiceCollection AddDurableTask(this IServiceCollection services, Action<DurableTaskBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var registry = new DurableTaskRegistry();
        var builder = new DurableTaskBuilder(services, registry);
        services.TryAddSingleton<IOrchestrationBackend>(sp => new InMemory.InMemoryOrchestrationBackend(null, sp.GetService<TimeProvider>()));
        configure(builder);

        services.AddOptions<DurableTaskWorkerOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DataConverter>(JsonDataConverter.Default);
        services.TryAddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.TryAdd(ServiceDescriptor.Singleton(typeof(ILogger<>), typeof(Logger<>)));
        services.AddSingleton(registry);
        services.AddSingleton(sp => new OrchestrationRuntime(registry, sp, sp.GetRequiredService<DataConverter>(), sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton(sp => new OrchestrationSessionCache(sp.GetRequiredService<IOptions<DurableTaskWorkerOptions>>().Value.OrchestrationCacheSize));
        services.AddSingleton<InstanceCommitSignals>();
        services.AddSingleton(sp => new OrchestrationExecutor(
            sp.GetRequiredService<OrchestrationRuntime>(), sp.GetRequiredService<IOrchestrationBackend>(), sp.GetRequiredService<OrchestrationSessionCache>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<OrchestrationExecutor>>(), sp.GetRequiredService<InstanceCommitSignals>()));
        services.AddSingleton(sp => new ActivityRunner(
            sp.GetRequiredService<OrchestrationRuntime>(), sp.GetRequiredService<IOrchestrationBackend>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ActivityRunner>>()));
        services.AddSingleton(sp => new DurableTaskWorker(
            sp.GetRequiredService<IOrchestrationBackend>(), sp.GetRequiredService<OrchestrationExecutor>(), sp.GetRequiredService<ActivityRunner>(),
            sp.GetRequiredService<IOptions<DurableTaskWorkerOptions>>(), sp.GetRequiredService<ILogger<DurableTaskWorker>>()));
        services.AddHostedService(sp => sp.GetRequiredService<DurableTaskWorker>());
        services.AddSingleton(sp => new DurableTaskClient(
            sp.GetRequiredService<IOrchestrationBackend>(), registry, sp.GetRequiredService<DataConverter>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<InstanceCommitSignals>()));
        return services;
    }
}
