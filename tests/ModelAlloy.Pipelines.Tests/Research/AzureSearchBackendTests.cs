using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Azure.Core.Pipeline;
using Azure.Search.Documents;
using Microsoft.AspNetCore.Http;
using ModelAlloy.Pipelines.Research;

namespace ModelAlloy.Pipelines.Tests.Research;

/// <summary>
/// The Azure AI Search backend through the real SearchClient against a loopback server speaking the REST shape. The
/// SDK only talks HTTPS, so the server has a self-signed certificate made here, trusted by thumbprint in the transport.
/// </summary>
public sealed class AzureSearchBackendTests : IAsyncLifetime, IDisposable
{
    private readonly X509Certificate2 _certificate = SelfSignedLoopbackCertificate();
    private LoopbackHttpServer _server = null!;

    public void Dispose() => _certificate.Dispose();

    public async Task InitializeAsync() => _server = await LoopbackHttpServer.StartAsync(async (context, body) =>
    {
        context.Response.ContentType = "application/json; odata.metadata=none";
        if (context.Request.Headers["api-key"] != "query-key")
        {
            context.Response.StatusCode = 403;
            await context.Response.WriteAsync("""{"error":{"code":"Forbidden","message":"bad key"}}""");
            return;
        }

        await context.Response.WriteAsync("""
            {"value":[
              {"@search.score":2.5,"key":"doc-7","heading":"Durable timers","link":"https://docs.test/timers","body":"Timers are durable."},
              {"@search.score":1.25,"key":"doc-9","heading":"Retries","body":"Retries back off."}
            ]}
            """);
    }, _certificate);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Search_posts_the_query_and_maps_the_configured_fields()
    {
        var backend = new AzureSearchBackend(Options("query-key"), ClientOptions());

        IReadOnlyList<SearchHit> hits = await backend.SearchAsync("durable timer", 2, TestTimeout.Token());

        Assert.Equal(
            [("doc-7", "Durable timers", "https://docs.test/timers", "Timers are durable.", 2.5), ("doc-9", "Retries", null, "Retries back off.", 1.25)],
            hits.Select(h => (h.Id, h.Title, h.Url, h.Content, h.Score)));
        var request = _server.Requests.Single();
        Assert.Equal("POST", request.Method);
        Assert.StartsWith("/indexes('knowledge')/docs/search.post.search?api-version=", request.PathAndQuery, StringComparison.Ordinal);
        JsonNode sent = JsonNode.Parse(request.Body)!;
        Assert.Equal(("durable timer", 2), (sent["search"]!.GetValue<string>(), sent["top"]!.GetValue<int>()));
    }

    [Fact]
    public async Task A_rejected_key_surfaces_as_the_service_error()
    {
        var backend = new AzureSearchBackend(Options("wrong"), ClientOptions());

        var error = await Assert.ThrowsAsync<Azure.RequestFailedException>(() => backend.SearchAsync("x", 1, TestTimeout.Token()));

        Assert.Equal(403, error.Status);
    }

    [Fact]
    public async Task Missing_endpoint_is_a_configuration_error_naming_the_setting()
    {
        var backend = new AzureSearchBackend(new AzureSearchOptions { Index = "knowledge", ApiKey = "k" });

        var error = await Assert.ThrowsAsync<SearchConfigurationException>(() => backend.SearchAsync("x", 1, TestTimeout.Token()));

        Assert.Contains("ModelAlloy:Search:AzureSearch:Endpoint", error.Message, StringComparison.Ordinal);
    }

    private AzureSearchOptions Options(string key) => new()
    {
        Endpoint = _server.BaseUri.ToString(),
        Index = "knowledge",
        ApiKey = key,
        IdField = "key",
        TitleField = "heading",
        UrlField = "link",
        ContentField = "body",
    };

    private static X509Certificate2 SelfSignedLoopbackCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using X509Certificate2 created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), password: null);
    }

    private SearchClientOptions ClientOptions()
    {
        string thumbprint = _certificate.Thumbprint;
        var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == thumbprint };
        var options = new SearchClientOptions { Transport = new HttpClientTransport(new HttpClient(handler)) };
        options.Retry.MaxRetries = 0;
        return options;
    }
}
