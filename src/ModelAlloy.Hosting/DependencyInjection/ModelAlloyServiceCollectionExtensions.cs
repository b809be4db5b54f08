using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModelAlloy.Evaluation.Routing;
using ModelAlloy.Models;
using ModelAlloy.Pipelines;
using ModelAlloy.Pipelines.Caching;
using ModelAlloy.Pipelines.Definitions;
using ModelAlloy.Pipelines.LearnedRouters;

namespace ModelAlloy.Hosting;

/// <summary>The one registration every ModelAlloy host calls.</summary>
public static class ModelAlloyServiceCollectionExtensions
{
    /// <summary>The setting that names the storage connection for the ledger and cooldowns (default <c>AzureWebJobsStorage</c>).</summary>
    public const string StorageSettingName = "ModelAlloy:StorageConnection";

    /// <summary>The setting naming a blob container of pipeline definitions (in the storage connection); unset: the folder.</summary>
    public const string PipelinesContainerSettingName = "ModelAlloy:Pipelines:Container";

    /// <summary>
    /// Adds the model gateway (catalog from the <c>ModelGateway</c> section, validated at startup) and, when the storage
    /// connection named by <see cref="StorageSettingName"/> (default <c>AzureWebJobsStorage</c>) is configured, keeps
    /// the cost ledger and cooldowns in its tables, shared by every worker; otherwise both stay in memory. Pipeline
    /// definitions come from the blob container named by <see cref="PipelinesContainerSettingName"/> in that storage,
    /// else from the folder named by <see cref="PipelineServiceCollectionExtensions.FolderSettingName"/>; the stage
    /// cache lives in that storage's tables too (else in memory), and learned routers are scored by
    /// <see cref="LearnedRouterScorer"/>. Hosts add
    /// the orchestrations and activities from <see cref="ModelAlloyTasks"/> to their engine.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddModelAlloy(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddModelGateway(configuration);
        string name = configuration[StorageSettingName] is { Length: > 0 } configured ? configured : StorageConnection.FunctionsSettingName;
        if (StorageConnection.FromConfiguration(configuration, name) is { } storage)
        {
            services.AddSingleton(storage);
            services.AddModelGatewayTableStorage(storage.CreateTableServiceClient());
            services.AddSingleton<IStageCacheStore>(new TableStageCacheStore(storage.CreateTableServiceClient()));
            if (configuration[PipelinesContainerSettingName] is { Length: > 0 } container)
            {
                services.AddSingleton<IPipelineDefinitionSource>(new BlobContainerPipelineSource(storage.CreateBlobServiceClient().GetBlobContainerClient(container)));
            }
        }

        services.AddModelAlloyPipelines(configuration);
        services.TryAddSingleton<ILearnedRouterScorer, LearnedRouterScorer>();

        return services;
    }
}
