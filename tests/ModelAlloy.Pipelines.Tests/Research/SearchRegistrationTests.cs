using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModelAlloy.Pipelines.Research;

namespace ModelAlloy.Pipelines.Tests.Research;

/// <summary>AddModelAlloySearch: the three backends by name, configured from <c>ModelAlloy:Search</c>; one search call as the activity runs it.</summary>
public sealed class SearchRegistrationTests : IDisposable
{
    private readonly string _corpus = Directory.CreateTempSubdirectory("alloy-corpus-di-").FullName;

    public void Dispose() => Directory.Delete(_corpus, recursive: true);

    [Fact]
    public async Task Backends_are_registered_by_name_and_the_local_one_reads_its_configured_folder()
    {
        File.WriteAllText(Path.Combine(_corpus, "long.md"), "# Timers\n\n" + string.Concat(Enumerable.Repeat("durable timers wait. ", 200)));
        await using ServiceProvider services = Services(new() { ["ModelAlloy:Search:Local:Folder"] = _corpus });
        SearchBackendRegistry registry = services.GetRequiredService<SearchBackendRegistry>();

        IReadOnlyList<SearchHit> hits = await registry.SearchAsync(new SearchCall { Backend = "local", Query = "timers", Top = 3 }, TestTimeout.Token());

        Assert.Equal(["azure-search", "local", "web"], registry.Names.Order(StringComparer.Ordinal));
        SearchHit hit = Assert.Single(hits);
        Assert.Equal(("long.md", "Timers", SearchCall.MaxContentChars), (hit.Id, hit.Title, hit.Content.Length));
    }

    [Fact]
    public async Task A_later_registration_of_a_name_replaces_the_built_in_and_an_unknown_name_is_a_configuration_error()
    {
        var replacement = new FlakySearchBackend(new Dictionary<string, SearchHit[]> { ["q"] = [new SearchHit { Id = "x", Title = "X", Content = "c" }] }) { Failure = (_, _) => null };
        await using ServiceProvider services = Services([], s => s.AddSingleton<ISearchBackend>(replacement));
        SearchBackendRegistry registry = services.GetRequiredService<SearchBackendRegistry>();

        IReadOnlyList<SearchHit> hits = await registry.SearchAsync(new SearchCall { Backend = "local", Query = "q" }, TestTimeout.Token());
        var error = await Assert.ThrowsAsync<SearchConfigurationException>(() => registry.SearchAsync(new SearchCall { Backend = "bing", Query = "q" }, TestTimeout.Token()));

        Assert.Equal("x", Assert.Single(hits).Id);
        Assert.Equal("no search backend named 'bing'; use one of: azure-search, local, web", error.Message);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings, Action<IServiceCollection>? more = null)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddModelAlloySearch(configuration);
        more?.Invoke(services);
        return services.BuildServiceProvider();
    }
}
