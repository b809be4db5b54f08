using Microsoft.Extensions.Logging;
using ModelAlloy.Durable.Serialization;

namespace ModelAlloy.Durable.Replay;

/// <summary>The services every orchestration session needs: registrations, DI, serialization and logging.</summary>
internal sealed class OrchestrationRuntime(DurableTaskRegistry registry, IServiceProvider services, DataConverter converter, ILoggerFactory loggerFactory)
{
    public DurableTaskRegistry Registry { get; } = registry;

    public IServiceProvider Services { get; } = services;

    public DataConverter Converter { get; } = converter;

    public ILoggerFactory LoggerFactory { get; } = loggerFactory;
}
