using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using ModelAlloy.Api.Tests.Fakes;
using ModelAlloy.Cli.Commands;
using ModelAlloy.Hosting.SelfHosted;

namespace ModelAlloy.Api.Tests.Runs;

/// <summary>A folder holding a definition that cannot run: listed with its errors, and a start of it answers 409 naming them.</summary>
public sealed class InvalidDefinitionTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("alloy-api-pipelines-").FullName;
    private LocalAlloyHost? _host;
    private WebApplication? _app;
    private HttpClient? _http;

    public async Task InitializeAsync()
    {
        File.Copy(Path.Combine(AppContext.BaseDirectory, "pipelines", "support-triage.json"), Path.Combine(_folder, "support-triage.json"));
        File.WriteAllText(Path.Combine(_folder, "broken.json"), """{"name": "broken", "stages": [{"id": "a", "kind": "chain", "steps": []}]}""");
        _host = await LocalAlloyHost.StartAsync(
            new LocalAlloyOptions { PipelinesFolder = _folder, CatalogFile = Path.Combine(AppContext.BaseDirectory, "pipelines", "catalogs", "simulated.json") },
            cancellationToken: TestTimeout.Token());
        _app = ServeCommand.Build(_host, port: 0, web => web.UseTestServer());
        await _app.StartAsync(TestTimeout.Token());
        _http = _app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task An_invalid_definition_is_listed_with_its_errors_and_a_start_answers_409_naming_them()
    {
        CancellationToken deadline = TestTimeout.Token();

        JsonElement list = await Json.ReadAsync(await _http!.GetAsync("/api/pipelines", deadline), deadline);
        HttpResponseMessage start = await _http.PostAsJsonAsync("/api/pipelines/broken/runs", new { input = "x" }, deadline);

        JsonElement broken = list.EnumerateArray().Single(p => p.GetProperty("name").GetString() == "broken");
        Assert.False(broken.GetProperty("valid").GetBoolean());
        JsonElement error = broken.GetProperty("errors")[0];
        Assert.Equal("broken.json", error.GetProperty("source").GetString());
        Assert.StartsWith("$.stages[0]", error.GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.True(list.EnumerateArray().Single(p => p.GetProperty("name").GetString() == "support-triage").GetProperty("valid").GetBoolean());

        JsonElement problem = await Json.ProblemAsync(start, 409, "/api/pipelines/broken/runs", deadline);
        Assert.Equal("broken.json", problem.GetProperty("errors")[0].GetProperty("source").GetString());
    }
}
