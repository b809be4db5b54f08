using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModelAlloy.Hosting;
using ModelAlloy.Models.Tests.Fakes;
using OpenTelemetry.Trace;

namespace ModelAlloy.Models.Tests.Telemetry;

/// <summary>
/// The self-hosted worker with <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> set exports its model-call spans with the
/// Azure Monitor exporter, here to a loopback ingestion endpoint; unset, nothing is exported.
/// </summary>
public sealed class AzureMonitorExportTests : IAsyncLifetime
{
    private FakeModelServer _models = null!;
    private FakeIngestionServer _ingestion = null!;

    public async Task InitializeAsync()
    {
        _models = await FakeModelServer.StartAsync();
        _ingestion = await FakeIngestionServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _ingestion.DisposeAsync();
        await _models.DisposeAsync();
    }

    [Fact]
    public async Task With_the_connection_string_the_runs_model_call_spans_reach_Application_Insights_as_dependencies()
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([
                new(AppSettings.ApplicationInsightsConnectionString, _ingestion.ConnectionString),
                new(AppSettings.TraceSamplingRatio, "1"), // every trace: the default rate limit drops traces when other tests' hosts trace at once
            ])
            .Build();
        await using DurableGatewayHost host = await DurableGatewayHost.StartAsync(
            TestCatalog.PrimaryAndBackup(_models.BaseUri), r => r.AddTwoCalls(), configuration: configuration);
        _models.Enqueue(OpenAIWire.Completion("one"), OpenAIWire.Completion("two"));

        OrchestrationMetadata run = await host.RunAsync(TestOrchestrations.TwoCalls, Request(), "run-appinsights");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, run.RuntimeStatus);
        Assert.True(host.Services.GetRequiredService<TracerProvider>().ForceFlush(30_000), "trace export did not finish");

        List<string> items = _ingestion.Batches.SelectMany(b => b.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            .Where(i => i.Contains("\"modelalloy.instance_id\":\"run-appinsights\"", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(2, items.Count);
        Assert.All(items, i => Assert.Contains("RemoteDependencyData", i, StringComparison.Ordinal));
        Assert.All(items, i => Assert.Contains("\"modelalloy.cost_usd\"", i, StringComparison.Ordinal));
        CostRecord first = host.Ledger.Records.First(r => r.RunId == "run-appinsights");
        Assert.Contains(items, i => i.Contains($"\"modelalloy.call_id\":\"{first.CallId}\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_the_connection_string_nothing_is_exported()
    {
        await using DurableGatewayHost host = await DurableGatewayHost.StartAsync(TestCatalog.PrimaryAndBackup(_models.BaseUri), r => r.AddTwoCalls());
        _models.Enqueue(OpenAIWire.Completion("one"), OpenAIWire.Completion("two"));

        await host.RunAsync(TestOrchestrations.TwoCalls, Request(), "run-no-appinsights");
        host.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000);

        Assert.Empty(_ingestion.Batches);
    }

    private static ModelCallRequest Request() => new()
    {
        Role = "chat",
        TaskType = "classify",
        Messages = [new ModelMessage("user", "hello")],
    };
}
