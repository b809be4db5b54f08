using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ModelAlloy.Models;

/// <summary>Registers the model gateway.</summary>
public static class ModelGatewayServiceCollectionExtensions
{
    /// <summary>
    /// Adds the gateway bound to the <c>ModelGateway</c> section of <paramref name="configuration"/>, validated at
    /// startup. Ledger and cooldowns default to in-memory; call <see cref="AddModelGatewayTableStorage"/> for Table Storage.
    /// Azure OpenAI models with <see cref="CredentialSource.ManagedIdentity"/> authenticate with the
    /// <see cref="TokenCredential"/> registered in <paramref name="services"/> (a <c>ManagedIdentityCredential</c> with a
    /// client id, a workload identity, a test fake), or, when none is registered, a <c>DefaultAzureCredential</c>
    /// created on first use.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration root (see <see cref="ModelCatalogConfiguration.Build"/>).</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddModelGateway(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ModelGatewayOptions>()
            .Configure(o => ModelCatalogConfiguration.BindInto(configuration.GetSection(ModelGatewayOptions.SectionName), o))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ModelGatewayOptions>, ModelGatewayOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.TryAdd(ServiceDescriptor.Singleton(typeof(ILogger<>), typeof(Logger<>)));
        services.TryAddSingleton<ISecretSource, EnvironmentSecretSource>();
        services.TryAddSingleton<SecretRedactor>();
        services.TryAddSingleton<ModelCatalog>();
        services.TryAddSingleton(sp => new ChatClientRegistry(
            sp.GetRequiredService<ISecretSource>(), sp.GetRequiredService<SecretRedactor>(), sp.GetRequiredService<TimeProvider>(),
            () => sp.GetService<TokenCredential>()));
        services.TryAddSingleton<ICostLedger, InMemoryCostLedger>();
        services.TryAddSingleton<ICooldownStore>(sp => new InMemoryCooldownStore(sp.GetRequiredService<ModelCatalog>().Options.Cooldown));
        services.AddOptions<ModelTelemetryOptions>().Configure(o => configuration.GetSection(ModelTelemetryOptions.SectionName).Bind(o));
        services.TryAddSingleton<ModelCallTelemetry>();
        services.TryAddSingleton<IModelAttemptExecutor, ModelAttemptExecutor>();
        services.TryAddSingleton<IModelGateway, ModelGateway>();
        return services;
    }

    /// <summary>Keeps the cost ledger and the cooldowns in Azure Table Storage, shared by every worker.</summary>
    /// <param name="services">The services.</param>
    /// <param name="tableService">The table service (a connection string or managed identity client).</param>
    /// <param name="ledgerTable">The cost ledger's table.</param>
    /// <param name="cooldownTable">The cooldowns' table.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddModelGatewayTableStorage(
        this IServiceCollection services,
        TableServiceClient tableService,
        string ledgerTable = TableCostLedger.DefaultTableName,
        string cooldownTable = TableCooldownStore.DefaultTableName)
    {
        ArgumentNullException.ThrowIfNull(tableService);
        services.RemoveAll<ICostLedger>();
        services.RemoveAll<ICooldownStore>();
        services.AddSingleton<ICostLedger>(sp => new TableCostLedger(tableService, ledgerTable, sp.GetService<ILogger<TableCostLedger>>()));
        services.AddSingleton<ICooldownStore>(sp => new TableCooldownStore(tableService, sp.GetRequiredService<ModelCatalog>().Options.Cooldown, cooldownTable));
        return services;
    }
}
