using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModelAlloy.Models;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ModelAlloy.Hosting;

/// <summary>The one telemetry registration every host calls.</summary>
public static class ModelAlloyTelemetryServiceCollectionExtensions
{
    /// <summary>The service name on every span and metric (<c>cloud_RoleName</c> in Application Insights).</summary>
    public const string ServiceName = "modelalloy";

    /// <summary>
    /// Adds ModelAlloy's spans (one per model call, GenAI conventions, from <see cref="ModelAlloyTelemetry.SourceName"/>;
    /// the Durable Task SDK's orchestration and activity spans) and metrics (cost, tokens, duration) to the host's
    /// OpenTelemetry tracer and meter providers. Exporters are the host's: the Functions app's Application Insights SDK
    /// (OpenTelemetry-based) picks these up, the self-hosted worker adds <see cref="AzureMonitorExport.ExportToAzureMonitorWhenConfigured"/>.
    /// Prompts and completions are recorded only with <see cref="ModelTelemetryOptions.RecordContentSettingName"/> true.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration (unused today; where sampling settings would come from).</param>
    /// <returns>The OpenTelemetry builder, for more exporters.</returns>
    public static IOpenTelemetryBuilder AddModelAlloyTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName, serviceInstanceId: Environment.MachineName))
            .WithTracing(t => t.AddSource(ModelAlloyTelemetry.SourceName, ModelAlloyTelemetry.DurableTaskSourceName))
            .WithMetrics(m => m.AddMeter(ModelAlloyTelemetry.SourceName));
    }
}
