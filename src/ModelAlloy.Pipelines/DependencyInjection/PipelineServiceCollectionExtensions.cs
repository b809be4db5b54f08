using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ModelAlloy.Models;
using ModelAlloy.Pipelines.Definitions;
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
    /// <see cref="IPipelineDefinitionSource"/> is already registered), checked against the gateway's catalog, and the
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
        services.TryAddSingleton(sp => new PipelineLibrary(
            sp.GetRequiredService<IPipelineDefinitionSource>(),
            ModelCatalogNames.From(sp.GetRequiredService<IOptions<ModelGatewayOptions>>().Value)));
        services.AddModelAlloySearch(configuration);
        return services;
    }
}
