using System.Collections.Concurrent;
using ModelAlloy.Durable.AzureStorage.TestWorker;
using ModelAlloy.Testing.Azurite;
using Xunit.Abstractions;

namespace ModelAlloy.Durable.AzureStorage.Tests.Faults;

/// <summary>Real worker processes on one task hub: killed with SIGKILL, several at once, and with Azurite restarted under them.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class WorkerProcessFaultTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Worker_killed_at_random_points_twenty_times_still_completes_everything_once()
    {
        // Each kill lands at a random moment while the worker owns partitions (so it is mid-episode or mid-commit)
        // and while orchestrations are still unfinished: checked at every kill, so the test cannot pass by
        // killing idle or partition-less workers.
        var hub = AzuriteBackendFactory.NewHubName();
        await using var client = new FaultClient(azurite.ConnectionString, hub);
        var ids = await client.StartAsync(count: 16, width: 8, length: 60);
        var worker = await WorkerProcess.StartAsync(azurite.ConnectionString, hub);
        var effective = 0;
        for (var kill = 0; kill < 20; kill++)
        {
            var owned = await worker.WaitUntilOwnsPartitionAsync(TimeSpan.FromSeconds(30));
            await Task.Delay(Random.Shared.Next(50, 700));
            var unfinished = await client.CountUnfinishedAsync(ids);
            await worker.KillAsync();
            await worker.DisposeAsync();
            effective += owned && unfinished > 0 ? 1 : 0;
            worker = await WorkerProcess.StartAsync(azurite.ConnectionString, hub);
        }

        try
        {
            Assert.True(effective >= 15, $"Only {effective} of 20 kills hit a worker owning partitions while work remained; the workload is too small.");
            var finals = await client.WaitAllAsync(ids, Limit);
            foreach (var final in finals)
            {
                Assert.Equal(OrchestrationRuntimeStatus.Completed, final.RuntimeStatus);
                Assert.Equal(FaultWorkload.Expected(8, 60), final.ReadOutputAs<int>());
                HistoryChecks.AssertNoDuplicates(final.InstanceId, final.History!);
            }

            output.WriteLine($"{effective} of 20 kills hit a partition owner with work unfinished.");
        }
        finally
        {
            await worker.DisposeAsync();
            await client.Backend.DeleteTaskHubAsync();
        }
    }

    [Fact]
    public async Task Results_that_overtook_a_checkpoint_the_crashed_worker_never_wrote_wait_for_the_retried_episode()
    {
        // The worker sends its fan-out, then dies before the history records it. The results come back (run by the
        // second worker) long before the start message reappears (30 s visibility) and must wait for it, deferred,
        // with the default poison limit: deferrals are not failed deliveries. (Activities are sent as queue messages
        // here: run under an anchor, they would not exist before the checkpoint.)
        var hub = AzuriteBackendFactory.NewHubName();
        await using var client = new FaultClient(azurite.ConnectionString, hub);
        var slow = new Dictionary<string, string>
        {
            [FaultWorkerOptions.ControlVisibilityVariable] = "30",
            [FaultWorkerOptions.MaxDequeueVariable] = "10",
            [FaultWorkerOptions.AnchorVariable] = "0",
        };
        var crashing = await WorkerProcess.StartAsync(azurite.ConnectionString, hub, environment: new Dictionary<string, string>(slow)
        {
            [FaultWorkerOptions.CrashAtVariable] = ModelAlloy.Durable.Backend.WriteFaultInjector.WritePoints.CommitHistory,
        });
        var id = (await client.StartAsync(count: 1, width: 4, length: 1))[0];
        await crashing.Exited.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Contains(crashing.Log, line => line.StartsWith("CRASHING before commit.history", StringComparison.Ordinal));
        await crashing.DisposeAsync();

        await using var survivor = await WorkerProcess.StartAsync(azurite.ConnectionString, hub, environment: slow);
        try
        {
            var final = Assert.Single(await client.WaitAllAsync([id], Limit));
            Assert.True(final.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{final.RuntimeStatus}: {final.FailureDetails?.ErrorMessage}");
            Assert.Equal(FaultWorkload.Expected(4, 1), final.ReadOutputAs<int>());
            HistoryChecks.AssertNoDuplicates(final.InstanceId, final.History!);
        }
        finally
        {
            await client.Backend.DeleteTaskHubAsync();
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public async Task Several_worker_processes_share_the_work_and_run_each_activity_once(int workers)
    {
        var hub = AzuriteBackendFactory.NewHubName();
        await using var client = new FaultClient(azurite.ConnectionString, hub);
        var processes = await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => WorkerProcess.StartAsync(azurite.ConnectionString, hub)));
        try
        {
            var ids = await client.StartAsync(count: 24, width: 8, length: 3);
            var finals = await client.WaitAllAsync(ids, Limit);

            foreach (var final in finals)
            {
                Assert.Equal(FaultWorkload.Expected(8, 3), final.ReadOutputAs<int>());
                HistoryChecks.AssertNoDuplicates(final.InstanceId, final.History!);
            }

            // Activities are at-least-once: a partition handed to a newly started worker mid-episode may run one
            // twice, but the history records each result once (checked above) and every worker takes work.
            var ran = processes.SelectMany(p => p.Ran).ToList();
            Assert.Equal(24 * 11, ran.Distinct().Count());
            Assert.All(processes, p => Assert.NotEmpty(p.Ran));
            output.WriteLine($"{workers} workers: activities per worker {string.Join("/", processes.Select(p => p.Ran.Count))}, " +
                $"{ran.Count - ran.Distinct().Count()} of {ran.Distinct().Count()} ran twice.");
            Assert.True(ran.Count - ran.Distinct().Count() <= ran.Distinct().Count() / 4,
                "Too many activities ran twice for a run without crashes: " + string.Join("\n", processes.SelectMany(p => p.Log).Take(40)));
        }
        finally
        {
            foreach (var process in processes)
            {
                await process.DisposeAsync();
            }

            await client.Backend.DeleteTaskHubAsync();
        }
    }

    [Fact]
    public async Task Azurite_stopped_and_restarted_mid_run_loses_nothing()
    {
        if (azurite.IsExternal)
        {
            return; // an account given by connection string cannot be restarted from here
        }

        var location = Path.Combine(Path.GetTempPath(), "modelalloy-azurite-restart-" + Guid.NewGuid().ToString("N")[..8]);
        await using var storage = await AzuriteProcess.StartNewAsync(location);
        var hub = AzuriteBackendFactory.NewHubName();
        await using var client = new FaultClient(storage.ConnectionString, hub);
        var ids = await client.StartAsync(count: 10, width: 6, length: 30);
        await using var worker = await WorkerProcess.StartAsync(storage.ConnectionString, hub);
        try
        {
            // Stop the emulator while episodes and activities are in flight, not before the worker got going.
            Assert.True(await worker.WaitUntilOwnsPartitionAsync(TimeSpan.FromSeconds(30)), "The worker never acquired a partition.");
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (worker.Ran.Count < 10 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(10);
            }

            Assert.True(worker.Ran.Count >= 10, "The worker ran no activities before the outage.");
            Assert.True(await client.CountUnfinishedAsync(ids) > 0, "Everything finished before the outage; the workload is too small.");
            await storage.StopAsync();
            await Task.Delay(3000);
            await storage.StartAsync();

            var finals = await client.WaitAllAsync(ids, Limit);
            foreach (var final in finals)
            {
                Assert.Equal(FaultWorkload.Expected(6, 30), final.ReadOutputAs<int>());
                HistoryChecks.AssertNoDuplicates(final.InstanceId, final.History!);
            }
        }
        finally
        {
            await worker.KillAsync();
            await storage.StopAsync(graceful: false);
            Directory.Delete(location, recursive: true);
        }
    }
}
