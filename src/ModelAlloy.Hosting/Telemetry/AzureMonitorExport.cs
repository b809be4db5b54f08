using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using OpenTelemetry;

namespace ModelAlloy.Hosting;

/// <summary>Application Insights export for hosts without the Application Insights SDK (the self-hosted worker).</summary>
public static class AzureMonitorExport
{
    /// <summary>
    /// Exports traces, metrics and logs to Application Insights when <see cref="AppSettings.ApplicationInsightsConnectionString"/>
    /// is set; with <see cref="AppSettings.ApplicationInsightsAuthenticationString"/> (<c>Authorization=AAD;ClientId=...</c>)
    /// it authenticates with that managed identity (Entra ID; local auth off). Unset: nothing is exported.
    /// </summary>
    /// <param name="builder">The OpenTelemetry builder from <c>AddModelAlloyTelemetry</c>.</param>
    /// <param name="configuration">The configuration.</param>
    /// <returns>The builder.</returns>
    public static IOpenTelemetryBuilder ExportToAzureMonitorWhenConfigured(this IOpenTelemetryBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[AppSettings.ApplicationInsightsConnectionString] is not { Length: > 0 } connectionString)
        {
            return builder;
        }

        TokenCredential? credential = CredentialOf(configuration[AppSettings.ApplicationInsightsAuthenticationString]);
        float? samplingRatio = AppSettings.SamplingRatioFrom(configuration);
        return builder.UseAzureMonitorExporter(o =>
        {
            o.ConnectionString = connectionString;
            o.Credential = credential;
            if (samplingRatio is { } ratio)
            {
                // A fixed ratio instead of the exporter's rate limit (TracesPerSecond wins when both are set).
                o.TracesPerSecond = null;
                o.SamplingRatio = ratio;
            }
        });
    }

    // "Authorization=AAD;ClientId=<guid>": a user-assigned identity; "Authorization=AAD": the system-assigned one.
    private static TokenCredential? CredentialOf(string? authentication)
    {
        if (string.IsNullOrWhiteSpace(authentication))
        {
            return null;
        }

        Dictionary<string, string> parts = authentication.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out string? kind) || !kind.Equals("AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return parts.TryGetValue("ClientId", out string? clientId)
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }
}
