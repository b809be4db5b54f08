using System.Net.Http.Json;
using System.Text.Json;
using DurableTask.Core.History;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using ModelAlloy.Cli.Commands;
using ModelAlloy.Hosting.SelfHosted;
using ModelAlloy.Models;

namespace ModelAlloy.Api.Tests.Fakes;

/// <summary>
/// `alloy serve`'s web host (<see cref="ServeCommand.Build"/>: problem details, the API over the self-hosted worker)
/// with TestServer in place of Kestrel, over <see cref="LocalAlloyHost"/> on the repository's pipelines folder and
/// simulated catalog, in memory. Shared by the collection; each test uses its own instance ids and keys.
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    private LocalAlloyHost? _host;
    private WebApplication? _app;

    public LocalAlloyHost Host => _host ?? throw new InvalidOperationException("not started");

    public DurableTaskClient Durable => Host.Client;

    public InMemoryCostLedger Ledger => (InMemoryCostLedger)Host.Services.GetRequiredService<ICostLedger>();

    public HttpClient Http { get; private set; } = null!;

    /// <summary>How many executions of the instance were started (one per start that really happened).</summary>
    public int ExecutionsStarted(string instanceId) => Host.Durable.Sidecar.GetRecordedHistory(instanceId).OfType<ExecutionStartedEvent>().Count();

    public async Task InitializeAsync()
    {
        _host = await LocalAlloyHost.StartAsync(
            new LocalAlloyOptions { PipelinesFolder = Path.Combine(AppContext.BaseDirectory, "pipelines"), RecordHistory = true },
            cancellationToken: TestTimeout.Token());
        _app = ServeCommand.Build(_host, port: 0, web => web.UseTestServer());
        await _app.StartAsync(TestTimeout.Token());
        Http = _app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    /// <summary>POSTs a run and returns the answer.</summary>
    public Task<HttpResponseMessage> StartAsync(string pipeline, object body, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/pipelines/{pipeline}/runs") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return Http.SendAsync(request, cancellationToken);
    }

    /// <summary>Polls <c>GET /api/runs/{id}</c> until <paramref name="until"/> holds for its body.</summary>
    public async Task<(HttpResponseMessage Response, JsonElement Body)> PollAsync(string id, Func<JsonElement, bool> until, CancellationToken deadline)
    {
        while (true)
        {
            HttpResponseMessage response = await Http.GetAsync($"/api/runs/{id}", deadline);
            JsonElement body = await Json.ReadAsync(response, deadline);
            if (until(body))
            {
                return (response, body);
            }

            await Task.Delay(20, deadline);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "api over the self-hosted worker";
}
