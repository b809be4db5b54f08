using System.Collections.Concurrent;
using System.Diagnostics;
using ModelAlloy.Testing.Azurite;

namespace ModelAlloy.Durable.AzureStorage.Tests.Configuration;

[Collection(AzuriteCollection.Name)]
public sealed class StorageClientDiagnosticsTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Sdk_tracing_of_storage_calls_happens_only_when_turned_on(bool enabled)
    {
        var hub = AzuriteBackendFactory.NewHubName();
        var seen = new ConcurrentBag<string>();
        using var subscription = DiagnosticListener.AllListeners.Subscribe(new SdkSourceObserver(seen));
        var options = AzuriteBackendFactory.TestOptions(azurite.ConnectionString, hub);
        options.StorageClientDiagnostics = enabled;
        await using var backend = new AzureStorageOrchestrationBackend(options);

        await backend.CreateIfNotExistsAsync();
        await backend.DeleteTaskHubAsync();

        // Tests that may run meanwhile (other collections) all leave tracing off: any scope seen comes from this backend.
        var ours = seen.Where(name => name.StartsWith("Azure.", StringComparison.Ordinal)).ToList();
        if (enabled)
        {
            Assert.NotEmpty(ours);
        }
        else
        {
            Assert.Empty(ours);
        }
    }

    private sealed class SdkSourceObserver(ConcurrentBag<string> seen) : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name.StartsWith("Azure.", StringComparison.Ordinal))
            {
                listener.Subscribe(this);
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key.EndsWith(".Start", StringComparison.Ordinal))
            {
                seen.Add(value.Key);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
