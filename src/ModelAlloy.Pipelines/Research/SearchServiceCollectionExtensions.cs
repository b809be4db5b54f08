using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ModelAlloy.Pipelines.Research;

/// <summary>Registers the search backends of the research stage.</summary>
public static class SearchServiceCollectionExtensions
{
    /// <summary>
    /// Adds the three backends (<c>local</c>, <c>azure-search</c>, <c>web</c>) configured from <see cref="SearchOptions.SectionName"/>
    /// and the <see cref="SearchBackendRegistry"/> over every <see cref="ISearchBackend"/> registered (a later one of the
    /// same name replaces a built-in). Nothing connects or indexes until the first search.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddModelAlloySearch(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        SearchOptions options = configuration.GetSection(SearchOptions.SectionName).Get<SearchOptions>() ?? new SearchOptions();
        services.AddSingleton<ISearchBackend>(_ => new LuceneCorpusSearchBackend(options.Local));
        services.AddSingleton<ISearchBackend>(_ => new AzureSearchBackend(options.AzureSearch));
        services.AddSingleton<ISearchBackend>(_ => new WebSearchBackend(options.Web));
        services.TryAddSingleton<SearchBackendRegistry>();
        return services;
    }
}
