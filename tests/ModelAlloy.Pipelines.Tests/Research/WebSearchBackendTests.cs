using Microsoft.AspNetCore.Http;
using ModelAlloy.Pipelines.Research;

namespace ModelAlloy.Pipelines.Tests.Research;

/// <summary>The web-search backend against a loopback HTTP API: the URL template, the key header and the mapped fields.</summary>
public sealed class WebSearchBackendTests : IAsyncLifetime
{
    private LoopbackHttpServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackHttpServer.StartAsync(async (context, _) =>
    {
        context.Response.ContentType = "application/json";
        switch (context.Request.Path.Value)
        {
            case "/flat":
                await context.Response.WriteAsync("""{"results":[{"title":"Durable timers","url":"https://docs.test/timers","snippet":"Timers are durable."},{"title":"No address"},{"title":"Retries","url":"https://docs.test/retries","snippet":"Retries back off."}]}""");
                break;
            case "/brave":
                await context.Response.WriteAsync("""{"web":{"results":[{"title":"Task hubs","url":"https://docs.test/hubs","description":"Hubs hold queues."}]}}""");
                break;
            default:
                context.Response.StatusCode = 503;
                await context.Response.WriteAsync("{}");
                break;
        }
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Results_are_read_from_the_default_shape_and_the_query_is_url_encoded()
    {
        var backend = new WebSearchBackend(new WebSearchOptions { UrlTemplate = _server.BaseUri + "flat?q={query}&count={top}", ApiKey = "web-key", ApiKeyHeader = "X-Subscription-Token" });

        IReadOnlyList<SearchHit> hits = await backend.SearchAsync("durable timers & retries", 5, TestTimeout.Token());

        Assert.Equal(
            [("https://docs.test/timers", "Durable timers", "Timers are durable."), ("https://docs.test/retries", "Retries", "Retries back off.")],
            hits.Select(h => (h.Id, h.Title, h.Content)));
        var request = _server.Requests.Single();
        Assert.Equal("/flat?q=durable%20timers%20%26%20retries&count=5", request.PathAndQuery);
        Assert.Equal("web-key", request.Headers["X-Subscription-Token"].ToString());
    }

    [Fact]
    public async Task Nested_results_and_other_field_names_are_mapped_by_configuration()
    {
        var backend = new WebSearchBackend(new WebSearchOptions { UrlTemplate = _server.BaseUri + "brave?q={query}", ResultsPath = "web.results", SnippetField = "description" });

        SearchHit hit = (await backend.SearchAsync("task hub", 3, TestTimeout.Token())).Single();

        Assert.Equal(("https://docs.test/hubs", "Task hubs", "https://docs.test/hubs", "Hubs hold queues."), (hit.Id, hit.Title, hit.Url, hit.Content));
    }

    [Fact]
    public async Task A_failing_api_throws_a_transient_http_error_and_a_missing_template_a_configuration_error()
    {
        var down = new WebSearchBackend(new WebSearchOptions { UrlTemplate = _server.BaseUri + "down?q={query}" });
        var unset = new WebSearchBackend(new WebSearchOptions());

        var http = await Assert.ThrowsAsync<HttpRequestException>(() => down.SearchAsync("x", 1, TestTimeout.Token()));
        var config = await Assert.ThrowsAsync<SearchConfigurationException>(() => unset.SearchAsync("x", 1, TestTimeout.Token()));

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, http.StatusCode);
        Assert.Contains("ModelAlloy:Search:Web:UrlTemplate", config.Message, StringComparison.Ordinal);
    }
}
