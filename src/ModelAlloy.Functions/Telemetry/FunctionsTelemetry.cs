using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModelAlloy.Hosting;

namespace ModelAlloy.Functions.Telemetry;

/// <summary>The Functions app's telemetry: Application Insights for the isolated worker, carrying ModelAlloy's spans and metrics.</summary>
public static class FunctionsTelemetry
{
    /// <summary>
    /// Adds the Application Insights SDK (3.x, OpenTelemetry-based) when <see cref="AppSettings.ApplicationInsightsConnectionString"/>
    /// is set, ModelAlloy's sources (<c>AddModelAlloyTelemetry</c>), which that SDK's tracer and meter providers then
    /// export, and the isolated worker's OpenTelemetry defaults (function invocation spans, parented to the host's).
    /// Not <c>ConfigureFunctionsApplicationInsights</c> (Microsoft.Azure.Functions.Worker.ApplicationInsights 2.51.0):
    /// it is built on Application Insights 2.x and fails with a TypeLoadException (ITelemetryInitializer) on 3.x.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The app's configuration.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddFunctionsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[AppSettings.ApplicationInsightsConnectionString] is { Length: > 0 } connectionString)
        {
            float? samplingRatio = AppSettings.SamplingRatioFrom(configuration);
            services.AddApplicationInsightsTelemetryWorkerService(o =>
            {
                o.ConnectionString = connectionString;
                if (samplingRatio is { } ratio)
                {
                    // A fixed ratio instead of the SDK's rate limit (TracesPerSecond wins when both are set).
                    o.TracesPerSecond = null;
                    o.SamplingRatio = ratio;
                }
            });
        }

        services.AddModelAlloyTelemetry(configuration).UseFunctionsWorkerDefaults();
        return services;
    }
}
