using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelAlloy.Models;
using ModelAlloy.Pipelines.Tests.Fakes;

namespace ModelAlloy.Evaluation.Tests.Fakes;

/// <summary>
/// The gateway as production wires it (AddModelGateway, real OpenAI SDK client, in-memory ledger) on the loopback
/// model server's catalog: models cheap (Standard, $1/$2), capable (Premium, $10/$30), judge (Standard, $1/$2).
/// </summary>
public sealed class LoopbackGateway : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private LoopbackGateway(ModelServer server, ServiceProvider services)
    {
        Server = server;
        _services = services;
    }

    public ModelServer Server { get; }

    public IModelGateway Gateway => _services.GetRequiredService<IModelGateway>();

    public ModelCatalog Catalog => _services.GetRequiredService<ModelCatalog>();

    public InMemoryCostLedger Ledger => (InMemoryCostLedger)_services.GetRequiredService<ICostLedger>();

    public static async Task<LoopbackGateway> StartAsync()
    {
        ModelServer server = await ModelServer.StartAsync();
        var services = new ServiceCollection();
        services.AddSingleton<IOptions<ModelGatewayOptions>>(Options.Create(Pipelines.Tests.Fakes.Catalog.On(server.BaseUri)));
        services.AddSingleton<ISecretSource>(new Key());
        services.AddModelGateway(new ConfigurationBuilder().Build());
        return new LoopbackGateway(server, services.BuildServiceProvider());
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Server.DisposeAsync();
    }

    private sealed class Key : ISecretSource
    {
        public string? Get(string name) => name == Pipelines.Tests.Fakes.Catalog.KeyVariable ? "sk-test-eval" : null;
    }
}
