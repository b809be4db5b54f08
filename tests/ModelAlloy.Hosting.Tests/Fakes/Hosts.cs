using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using ModelAlloy.Hosting.SelfHosted;

namespace ModelAlloy.Hosting.Tests.Fakes;

/// <summary>Self-hosted workers as the tests start them: the catalog of the fault workload, the given tasks.</summary>
public static class Hosts
{
    private static readonly IConfiguration NoStorage = TestWorker.ModelChain.Catalog(storageConnection: "", latencyMs: 0);

    public static Task<SelfHostedDurableHost> InMemoryAsync(Action<DurableTaskRegistry> tasks, Action<SelfHostedOptions>? configure = null)
    {
        var options = new SelfHostedOptions { RecordHistory = true };
        configure?.Invoke(options);
        return SelfHostedDurableHost.StartAsync(options, NoStorage, registerTasks: tasks, cancellationToken: TestTimeout.Token());
    }

    public static Task<SelfHostedDurableHost> AzureAsync(string connection, string hub, Action<DurableTaskRegistry>? tasks = null, bool runWorker = true, int latencyMs = 0) =>
        SelfHostedDurableHost.StartAsync(
            new SelfHostedOptions
            {
                Backend = DurableBackend.AzureStorage,
                Storage = StorageConnection.FromConnectionString(connection),
                TaskHubName = hub,
                RunWorker = runWorker,
                RecordHistory = true,
                MessageVisibilityTimeout = TimeSpan.FromSeconds(10),
                LeaseInterval = TimeSpan.FromSeconds(8),
                LeaseRenewInterval = TimeSpan.FromSeconds(2),
                MaxQueuePollingInterval = TimeSpan.FromMilliseconds(500),
            },
            TestWorker.ModelChain.Catalog(connection, latencyMs),
            registerTasks: tasks,
            cancellationToken: TestTimeout.Token(60));

    /// <summary>A task hub name no other test uses (letters and digits only).</summary>
    public static string NewHub() => "hub" + Guid.NewGuid().ToString("N")[..12];
}
