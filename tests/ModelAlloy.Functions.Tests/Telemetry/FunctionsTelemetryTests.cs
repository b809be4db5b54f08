using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ModelAlloy.Functions.Activities;
using ModelAlloy.Functions.Telemetry;
using ModelAlloy.Functions.Tests.Fakes;
using ModelAlloy.Hosting;
using ModelAlloy.Models;
using OpenTelemetry.Trace;

namespace ModelAlloy.Functions.Tests.Telemetry;

/// <summary>
/// The Functions app's registration (AddModelAlloy + AddFunctionsTelemetry, as Program.cs) with a connection string:
/// the Application Insights SDK's OpenTelemetry pipeline exports the model-call span of an attempt run through the
/// app's activity function, here to a loopback ingestion endpoint.
/// </summary>
public sealed class FunctionsTelemetryTests : IAsyncLifetime
{
    private FakeIngestionServer _ingestion = null!;

    public async Task InitializeAsync() => _ingestion = await FakeIngestionServer.StartAsync();

    public async Task DisposeAsync() => await _ingestion.DisposeAsync();

    [Fact]
    public async Task The_attempt_functions_model_call_span_reaches_Application_Insights_through_the_SDK()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [AppSettings.ApplicationInsightsConnectionString] = _ingestion.ConnectionString,
            [AppSettings.TraceSamplingRatio] = "1", // every trace: the default rate limit drops traces when other tests' hosts trace at once
            ["ModelGateway:Models:sim-mini:Provider"] = "Simulated",
            ["ModelGateway:Models:sim-mini:ContextWindow"] = "128000",
            ["ModelGateway:Models:sim-mini:MaxOutputTokens"] = "4096",
            ["ModelGateway:Models:sim-mini:Prices:InputPerMillion"] = "1",
            ["ModelGateway:Models:sim-mini:Simulation:LatencyMs"] = "0",
        }).Build();
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton(configuration);
        builder.Services.AddModelAlloy(configuration);
        builder.Services.AddFunctionsTelemetry(configuration);
        using IHost host = builder.Build();
        await host.StartAsync(TestTimeout.Token());
        var functions = new ModelCallFunctions(host.Services.GetRequiredService<IModelAttemptExecutor>());
        var input = new ModelAttemptInput
        {
            Request = new ModelCallRequest { Model = "sim-mini", Pipeline = "functions-telemetry", TaskType = "classify", Messages = [new ModelMessage("user", "hello")] },
            ModelId = "sim-mini",
            RunId = "run-functions",
            InstanceId = "run-functions",
            CallId = CallId.For("run-functions", 1, 1),
            Attempt = 1,
            ScheduledAtUtc = DateTime.UtcNow,
        };

        ModelAttemptOutcome outcome = await functions.AttemptAsync(input, new FakeFunctionContext(TestTimeout.Token()));
        Assert.True(host.Services.GetRequiredService<TracerProvider>().ForceFlush(30_000), "trace export did not finish");
        await host.StopAsync(TestTimeout.Token());

        Assert.True(outcome.Succeeded);
        string item = Assert.Single(
            _ingestion.Batches.SelectMany(b => b.Split('\n', StringSplitOptions.RemoveEmptyEntries)),
            i => i.Contains("\"modelalloy.instance_id\":\"run-functions\"", StringComparison.Ordinal));
        Assert.Contains("RemoteDependencyData", item, StringComparison.Ordinal);
        Assert.Contains("\"gen_ai.provider.name\":\"modelalloy.simulated\"", item, StringComparison.Ordinal);
        Assert.Contains("\"modelalloy.cost_usd\"", item, StringComparison.Ordinal);
    }
}
