using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ModelAlloy.Models;
using ModelAlloy.Pipelines.Caching;
using ModelAlloy.Pipelines.Definitions;
using ModelAlloy.Pipelines.LearnedRouters;
using ModelAlloy.Pipelines.Research;
using ModelAlloy.Pipelines.Validation;

namespace ModelAlloy.Pipelines;

/// <summary>Registers the pipeline definitions.</summary>
public static class PipelineServiceCollectionExtensions
{
    /// <summary>The setting naming the definitions folder (default <c>pipelines</c>, relative to the working directory).</summary>
    public const string FolderSettingName = "ModelAlloy:Pipelines:Folder";

    /// <summary>
    /// Adds the <see cref="PipelineLibrary"/> over the folder named by <see cref="FolderSettingName"/> (unless an
    /// <see cref="IPipelineDefinitionSource"/> is already registered), checked against the gateway's catalog; the
    /// stage cache (in memory unless an <see cref="IStageCacheStore"/> is registered) and the learned-router
    /// activity's body (its <see cref="ILearnedRouterScorer"/> comes from the host) and the
    /// research stage's search backends (<see cref="SearchServiceCollectionExtensions.AddModelAlloySearch"/>).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddModelAlloyPipelines(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        string folder = configuration[FolderSettingName] is { Length: > 0 } configured ? configured : "pipelines";
        services.TryAddSingleton<IPipelineDefinitionSource>(new FolderPipelineSource(folder));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IStageCacheStore, InMemoryStageCacheStore>();
        services.TryAddSingleton<StageCache>();
        services.TryAddSingleton(new PipelineFileRoot(folder));
        services.TryAddSingleton<LearnedRouterScoring>();
        services.TryAddSingleton(sp => new PipelineLibrary(
            sp.GetRequiredService<IPipelineDefinitionSource>(),
            ModelCatalogNames.From(sp.GetRequiredService<IOptions<ModelGatewayOptions>>().Value)));
        services.AddModelAlloySearch(configuration);
        return services;
    }
}
