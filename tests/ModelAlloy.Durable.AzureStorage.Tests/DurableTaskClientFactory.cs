using Microsoft.Extensions.DependencyInjection;
using ModelAlloy.Durable.Backend;

namespace ModelAlloy.Durable.AzureStorage.Tests;

/// <summary>A bare client over a backend (no worker), as a separate front-end process would have.</summary>
internal sealed class DurableTaskClientFactory(IOrchestrationBackend backend)
{
    private readonly ServiceProvider _services = new ServiceCollection()
        .AddLogging()
        .AddDurableTask(b => { b.UseBackend(_ => backend); b.ConfigureWorker(o => o.EnablePolling = false); })
        .BuildServiceProvider();

    public DurableTaskClient Client => _services.GetRequiredService<DurableTaskClient>();
}
