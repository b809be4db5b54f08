using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using ModelAlloy.Hosting.SelfHosted;
using ModelAlloy.Hosting.TestWorker;
using ModelAlloy.Hosting.Tests.Fakes;
using ModelAlloy.Models;
using ModelAlloy.Testing.Azurite;
using Xunit.Abstractions;

namespace ModelAlloy.Hosting.Tests.Faults;

/// <summary>
/// Runs of model calls on DTFx Azure Storage (Azurite) survive a worker process killed with SIGKILL mid-call and an
/// Azurite restart mid-run: every run finishes, and the ledger holds exactly one row per attempt.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class WorkerCrashTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int Runs = 6;
    private const int CallsPerRun = 4;

    [Fact]
    public async Task A_worker_killed_with_calls_in_flight_loses_no_run_and_counts_no_attempt_twice()
    {
        string hub = Hosts.NewHub();
        await using SelfHostedDurableHost client = await Hosts.AzureAsync(azurite.ConnectionString, hub, runWorker: false);
        var ledger = new LedgerReader(azurite.ConnectionString);
        await using WorkerProcess first = await WorkerProcess.StartAsync(azurite.ConnectionString, hub, latencyMs: 400);
        List<string> ids = await StartRunsAsync(client.Client, hub);

        await ledger.WaitForRowsAsync(hub, atLeast: 3, TestTimeout.Token(60)); // calls are recorded, most are still to come
        int beforeKill = (await ledger.RowsAsync(hub)).Count;
        await first.KillAsync();
        await using WorkerProcess second = await WorkerProcess.StartAsync(azurite.ConnectionString, hub, latencyMs: 50);

        await AssertAllCompletedOnceAsync(client.Client, ledger, hub, ids);
        output.WriteLine($"{beforeKill} of {Runs * CallsPerRun} attempts were recorded when the first worker was killed");
        Assert.True(beforeKill < Runs * CallsPerRun, "the kill came after all the work was done");
    }

    [Fact]
    public async Task An_azurite_restart_mid_run_loses_no_run()
    {
        Assert.False(azurite.IsExternal, "this test restarts its own Azurite; unset MODELALLOY_STORAGE_CONNECTION");
        string hub = Hosts.NewHub();
        var ledger = new LedgerReader(azurite.ConnectionString);
        await using SelfHostedDurableHost host = await Hosts.AzureAsync(azurite.ConnectionString, hub, ModelChain.Register, latencyMs: 200);
        List<string> ids = await StartRunsAsync(host.Client, hub);
        await ledger.WaitForRowsAsync(hub, atLeast: 3, TestTimeout.Token(60));

        await azurite.Emulator!.StopAsync(graceful: true);
        await Task.Delay(TimeSpan.FromSeconds(2));
        await azurite.Emulator.StartAsync(TestTimeout.Token());

        await AssertAllCompletedOnceAsync(host.Client, ledger, hub, ids);
    }

    private static async Task<List<string>> StartRunsAsync(DurableTaskClient client, string hub)
    {
        var ids = new List<string>();
        for (int i = 0; i < Runs; i++)
        {
            ids.Add(await client.ScheduleNewOrchestrationInstanceAsync(ModelChain.Name, CallsPerRun, new StartOrchestrationOptions { InstanceId = $"{hub}-run{i}" }));
        }

        return ids;
    }

    private static async Task AssertAllCompletedOnceAsync(DurableTaskClient client, LedgerReader ledger, string hub, List<string> ids)
    {
        CancellationToken deadline = TestTimeout.Token(150);
        var results = new List<ChainResult>();
        foreach (string id in ids)
        {
            OrchestrationMetadata run = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, deadline);
            Assert.True(run.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{id}: {run.RuntimeStatus} {run.FailureDetails?.ErrorMessage}");
            results.Add(run.ReadOutputAs<ChainResult>()!);
        }

        List<CostRecord> rows = await ledger.RowsAsync(hub);
        List<string> attempts = results.SelectMany(r => r.CallIds).Order(StringComparer.Ordinal).ToList();
        Assert.True(attempts.Count >= Runs * CallsPerRun);
        Assert.Equal(attempts, rows.Select(r => r.CallId).Order(StringComparer.Ordinal)); // one row per attempt, none twice, none missing
        Assert.Equal(results.Sum(r => r.TotalCostUsd), rows.Sum(r => r.CostUsd));
        Assert.All(rows, r => Assert.True(r.CostUsd > 0, $"{r.CallId} cost nothing"));
    }
}
