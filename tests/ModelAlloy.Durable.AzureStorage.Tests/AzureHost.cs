using ModelAlloy.Durable.Testing;
using ModelAlloy.Testing.Azurite;

namespace ModelAlloy.Durable.AzureStorage.Tests;

/// <summary>Starts a <see cref="DurableTestHost"/> on a fresh Azurite task hub with tuned options.</summary>
internal static class AzureHost
{
    public static async Task<(DurableTestHost Host, AzureStorageOrchestrationBackend Backend)> StartAsync(
        AzuriteFixture azurite, Action<DurableTaskRegistry> tasks, Action<AzureStorageBackendOptions>? tune = null, bool externalDelivery = false)
    {
        var host = await DurableTestHost.CreateAsync(new AzuriteBackendFactory(azurite, tune), tasks, externalDelivery);
        await host.StartAsync();
        return (host, (AzureStorageOrchestrationBackend)host.Backend);
    }
}
