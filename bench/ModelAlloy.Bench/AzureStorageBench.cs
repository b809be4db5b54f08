using ModelAlloy.Durable;
using ModelAlloy.Durable.AzureStorage;
using ModelAlloy.Testing.Azurite;

namespace ModelAlloy.Bench;

/// <summary>
/// <c>--backend azure</c>: a fresh task hub on the account in <c>MODELALLOY_STORAGE_CONNECTION</c>, or on a private
/// in-memory Azurite started for the run. Settings match the DTFx baseline (in-memory Azurite 3.37.0, 4 partitions,
/// 100 ms max polling interval).
/// </summary>
internal static class AzureStorageBench
{
    public static StorageRequestCounter Requests { get; } = new();

    /// <summary>Waits (at most 10 s) until no storage request but idle polling was made for half a second.</summary>
    public static async Task WaitUntilQuietAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        var last = Writes();
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            var now = Writes();
            if (now == last)
            {
                return;
            }

            last = now;
        }

        static long Writes() => Requests.Total - Requests.ByOperation.GetValueOrDefault("queue receive");
    }

    public static Func<Task> Configure(DurableTaskBuilder builder)
    {
        var connection = Environment.GetEnvironmentVariable(AzuriteFixture.ConnectionVariable);
        AzuriteProcess? azurite = null;
        if (string.IsNullOrWhiteSpace(connection))
        {
            azurite = AzuriteProcess.StartNewAsync(inMemory: true).GetAwaiter().GetResult();
            connection = azurite.ConnectionString;
        }

        var options = new AzureStorageBackendOptions
        {
            TaskHubName = "bench" + Guid.NewGuid().ToString("N")[..12],
            ConnectionString = connection,
            PartitionCount = 4,
            MaxPollingInterval = TimeSpan.FromMilliseconds(100),
            RequestCounter = Requests,
        };
        var backend = new AzureStorageOrchestrationBackend(options);
        builder.UseBackend(_ => backend);

        // Storage round trips, not CPU, bound an episode: run more at once (DTFx defaults to 100 per core).
        builder.ConfigureWorker(o => o.MaxConcurrentOrchestrations = 64);
        return async () =>
        {
            await backend.DisposeAsync();
            await backend.DeleteTaskHubAsync();
            if (azurite is not null)
            {
                await azurite.DisposeAsync();
            }
        };
    }
}
