using ModelAlloy.Durable.AzureStorage.TestWorker;
using ModelAlloy.Durable.History;
using ModelAlloy.Testing.Azurite;
using Xunit.Abstractions;

namespace ModelAlloy.Durable.AzureStorage.Tests.Faults;

/// <summary>
/// Activities a worker runs itself have no queue message, only their instance's anchor (a consumed control message
/// kept invisible): a worker dying with such work unfinished must lose none of it.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AnchorRecoveryTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task Worker_killed_with_unsent_activities_in_flight_leaves_only_the_anchor_and_another_worker_recovers_them()
    {
        var hub = AzuriteBackendFactory.NewHubName();
        await using var client = new FaultClient(azurite.ConnectionString, hub);
        // Two checkpoints commit (the start, then the first results); the process dies before the third, with
        // activities scheduled by a committed checkpoint still running in memory.
        var crashing = await WorkerProcess.StartAsync(azurite.ConnectionString, hub, environment: new Dictionary<string, string>
        {
            [FaultWorkerOptions.CrashAtVariable] = ModelAlloy.Durable.Backend.WriteFaultInjector.WritePoints.CommitHistory,
            [FaultWorkerOptions.CrashAtCountVariable] = "3",
        });
        var id = (await client.StartAsync(count: 1, width: 2, length: 3))[0];
        await crashing.Exited.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Contains(crashing.Log, line => line.StartsWith("CRASHING before commit.history", StringComparison.Ordinal));
        await crashing.DisposeAsync();

        // Scheduled tasks without a result, and no request message anywhere: the anchor is all that is left.
        var crashed = (await client.Client.GetInstanceAsync(id, includeHistory: true))!;
        var answered = crashed.History!.OfType<TaskCompleted>().Select(c => c.TaskScheduledId).ToHashSet();
        var pending = crashed.History!.OfType<TaskScheduled>().Where(t => !answered.Contains(t.TaskId)).Select(t => t.TaskId).ToList();
        Assert.NotEmpty(pending);
        var storage = client.Backend.Storage;
        Assert.Equal(0, await CountMessagesAsync(storage.WorkItems));
        Assert.True(await CountControlMessagesAsync(storage) >= 1, "The anchor message is gone.");

        await using var survivor = await WorkerProcess.StartAsync(azurite.ConnectionString, hub);
        try
        {
            var final = Assert.Single(await client.WaitAllAsync([id], TimeSpan.FromMinutes(2)));
            Assert.True(final.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{final.RuntimeStatus}: {final.FailureDetails?.ErrorMessage}");
            Assert.Equal(FaultWorkload.Expected(2, 3), final.ReadOutputAs<int>());
            HistoryChecks.AssertNoDuplicates(final.InstanceId, final.History!);
            Assert.All(pending, task => Assert.Contains($"{id}:{task}", survivor.Ran));

            // Nothing is left behind: the anchor went with the last result it covered.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            var left = int.MaxValue;
            while (DateTime.UtcNow < deadline && (left = await CountControlMessagesAsync(storage) + await CountMessagesAsync(storage.WorkItems)) > 0)
            {
                await Task.Delay(100);
            }

            Assert.Equal(0, left);
            output.WriteLine($"tasks {string.Join(", ", pending)} had no request message after the crash; the survivor re-sent and ran them.");
        }
        finally
        {
            await client.Backend.DeleteTaskHubAsync();
        }
    }

    private static async Task<int> CountMessagesAsync(Azure.Storage.Queues.QueueClient queue) =>
        (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount; // visible and invisible ones

    private static async Task<int> CountControlMessagesAsync(TaskHubStorage storage) =>
        (await Task.WhenAll(storage.ControlQueues.Select(CountMessagesAsync))).Sum();
}
