using System.Diagnostics;
using ModelAlloy.Testing.Azurite;
using Xunit.Abstractions;

namespace ModelAlloy.Durable.AzureStorage.Tests.Backend;

[Collection(AzuriteCollection.Name)]
public sealed class PartitionHandOverTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task Messages_a_stopping_worker_received_but_never_ran_are_taken_over_at_once_not_after_their_visibility()
    {
        var hub = AzuriteBackendFactory.NewHubName();
        var visibility = TimeSpan.FromSeconds(30);

        // A worker that receives control messages but never runs an episode (no orchestration dispatcher polls it).
        var options = AzuriteBackendFactory.TestOptions(azurite.ConnectionString, hub);
        options.ControlMessageVisibility = visibility;
        var first = new AzureStorageOrchestrationBackend(options);
        await first.CreateIfNotExistsAsync();
        Assert.Null(await first.LockNextActivityWorkItemAsync(CancellationToken.None)); // starts its leases and pumps
        var id = await new DurableTaskClientFactory(first).Client.ScheduleNewOrchestrationInstanceAsync("Doubles", 21);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (first.BufferedControlMessages == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.True(first.BufferedControlMessages > 0, "The first worker never received the start message.");
        await first.DisposeAsync(); // graceful: gives its partitions up

        var clock = Stopwatch.StartNew();
        var (host, _) = await AzureHost.StartAsync(azurite, r => r
            .AddActivity<int, int>("Double", x => x * 2)
            .AddOrchestrator<int, int>("Doubles", (ctx, x) => ctx.CallActivityAsync<int>("Double", x)),
            o =>
            {
                o.TaskHubName = hub;
                o.ControlMessageVisibility = visibility;
            });
        await using var _ = host;
        var final = await host.WaitAsync(id);

        output.WriteLine($"taken over and completed {clock.ElapsedMilliseconds} ms after the first worker stopped");
        Assert.Equal(42, final.ReadOutputAs<int>());
        Assert.True(clock.Elapsed < visibility / 2, $"It took {clock.Elapsed.TotalSeconds:F1} s: the message waited out its visibility.");
    }
}
