using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelAlloy.Durable.AzureStorage;

namespace ModelAlloy.Durable;

/// <summary>Wires the Azure Storage backend into <c>AddDurableTask</c>.</summary>
public static class AzureStorageDurableTaskBuilderExtensions
{
    /// <summary>Uses Azure Storage (or Azurite) as the backend.</summary>
    public static DurableTaskBuilder UseAzureStorage(this DurableTaskBuilder builder, Action<AzureStorageBackendOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new AzureStorageBackendOptions();
        configure(options);
        AzureStorageBackendOptionsValidator.ThrowIfInvalid(options);
        return builder.UseBackend(sp => new AzureStorageOrchestrationBackend(options, sp.GetService<TimeProvider>(), sp.GetService<ILoggerFactory>()));
    }

    /// <summary>
    /// Reads the account the way Azure Functions does: <c>{name}</c> as a connection string, or
    /// <c>{name}__tableServiceUri</c>, <c>__queueServiceUri</c> and <c>__blobServiceUri</c> with <c>DefaultAzureCredential</c>
    /// (or <c>{name}__accountName</c> for the public cloud endpoints); <c>{name}__clientId</c> selects a user-assigned
    /// managed identity instead.
    /// </summary>
    public static AzureStorageBackendOptions UseFunctionsConnection(this AzureStorageBackendOptions options, IConfiguration configuration, string name = "AzureWebJobsStorage")
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[name] is { Length: > 0 } connectionString)
        {
            options.ConnectionString = connectionString;
            return options;
        }

        var section = configuration.GetSection(name);
        var account = section["accountName"];
        Uri? Endpoint(string service) =>
            section[$"{service}ServiceUri"] is { Length: > 0 } uri ? new Uri(uri)
            : account is { Length: > 0 } ? new Uri($"https://{account}.{service}.core.windows.net") : null;
        options.TableServiceUri = Endpoint("table");
        options.QueueServiceUri = Endpoint("queue");
        options.BlobServiceUri = Endpoint("blob");
        // A user-assigned managed identity: "__credential" = "managedidentity" with "__clientId" (the Functions convention).
        if (options.Credential is null && section["clientId"] is { Length: > 0 } clientId)
        {
            if (section["credential"] is { Length: > 0 } kind && !kind.Equals("managedidentity", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"{name}__credential: '{kind}' is not supported; use 'managedidentity' (with {name}__clientId) or leave it out for DefaultAzureCredential.");
            }

            options.Credential = new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        }

        return options;
    }
}
