using DurableTask.Core.History;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using ModelAlloy.Hosting.SelfHosted;

namespace ModelAlloy.Functions.Tests.Fakes;

/// <summary>
/// A real <see cref="DurableTaskClient"/>: the self-hosted worker (SDK worker + client over the in-process sidecar on
/// DTFx in-memory) running every ModelAlloy orchestration and activity, with a one-model simulated catalog so the
/// gateway's startup validation passes. Shared by the tests of a collection; each test uses its own ticket ids.
/// </summary>
public sealed class DurableClientFixture : IAsyncLifetime
{
    private SelfHostedDurableHost? _host;

    public SelfHostedDurableHost Host => _host ?? throw new InvalidOperationException("not started");

    public DurableTaskClient Client => Host.Client;

    /// <summary>How many executions of the instance this host started (one per start that really happened).</summary>
    public int ExecutionsStarted(string instanceId) => Host.Sidecar.GetRecordedHistory(instanceId).OfType<ExecutionStartedEvent>().Count();

    public static IConfiguration Catalog() => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ModelGateway:Models:sim-mini:Provider"] = "Simulated",
            ["ModelGateway:Models:sim-mini:ContextWindow"] = "128000",
            ["ModelGateway:Models:sim-mini:MaxOutputTokens"] = "4096",
            ["ModelGateway:Models:sim-mini:Simulation:LatencyMs"] = "0",
            ["ModelGateway:Roles:classify:Chain:0"] = "sim-mini",
        })
        .Build();

    public async Task InitializeAsync() =>
        _host = await SelfHostedDurableHost.StartAsync(new SelfHostedOptions { RecordHistory = true }, Catalog(), registerTasks: FunctionWrappers.Register, cancellationToken: TestTimeout.Token());

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DurableCollection : ICollectionFixture<DurableClientFixture>
{
    public const string Name = "durable client";
}
