using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ModelAlloy.Models;
using ModelAlloy.Pipelines.Definitions;

namespace ModelAlloy.Api;

/// <summary>Registers the HTTP API's handlers.</summary>
public static class AlloyApiServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="AlloyApi"/> and its options (section <see cref="AlloyApiOptions.SectionName"/>, validated at
    /// startup) over the pipeline library, ledger and catalog registered in the same services by <c>AddModelAlloy</c>:
    /// the Functions app's way, whose HTTP triggers get their Durable Task client per invocation.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration, or null for the defaults.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddModelAlloyApi(this IServiceCollection services, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<AlloyApiOptions> options = services.AddOptions<AlloyApiOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(AlloyApiOptions.SectionName));
        }

        options.ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new AlloyApi(
            sp.GetRequiredService<PipelineLibrary>(),
            sp.GetRequiredService<ICostLedger>(),
            sp.GetRequiredService<IOptions<AlloyApiOptions>>(),
            sp.GetService<ModelCatalog>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<Microsoft.Extensions.Logging.ILogger<AlloyApi>>()));
        return services;
    }

    /// <summary>
    /// Adds the API for a web host in front of a ModelAlloy host with services of its own (<c>alloy serve</c> over the
    /// self-hosted worker): its client, pipeline library, ledger and catalog are shared into these services, then
    /// <see cref="AddModelAlloyApi(IServiceCollection, IConfiguration?)"/>.
    /// </summary>
    /// <param name="services">The web host's services.</param>
    /// <param name="client">The ModelAlloy host's Durable Task client.</param>
    /// <param name="alloyServices">The ModelAlloy host's services.</param>
    /// <param name="configuration">The configuration, or null for the defaults.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddModelAlloyApi(this IServiceCollection services, DurableTaskClient client, IServiceProvider alloyServices, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(alloyServices);
        services.AddSingleton(client);
        services.AddSingleton(alloyServices.GetRequiredService<PipelineLibrary>());
        services.AddSingleton(alloyServices.GetRequiredService<ICostLedger>());
        services.AddSingleton(alloyServices.GetRequiredService<ModelCatalog>());
        return services.AddModelAlloyApi(configuration);
    }
}
