using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using ModelAlloy.Hosting.SelfHosted;
using ModelAlloy.Hosting.TestWorker;
using ModelAlloy.Hosting.Tests.Fakes;
using ModelAlloy.Models;
using ModelAlloy.Pipelines.Orchestration;
using ModelAlloy.Testing.Azurite;
using Xunit.Abstractions;

namespace ModelAlloy.Hosting.Tests.Faults;

/// <summary>
/// A pipeline run on DTFx Azure Storage (Azurite) whose worker process is SIGKILLed mid-run, the moment the run's
/// progress says some stages are done and some are not: a restarted worker finishes it, and the ledger in Azurite's
/// tables holds exactly one row per stage's call.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class PipelineCrashTests(AzuriteFixture azurite, ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("alloy-kill-pipelines-").FullName;

    [Fact]
    public async Task A_pipeline_whose_worker_is_killed_mid_run_completes_on_a_restarted_worker_with_no_ledger_row_twice()
    {
        PipelineChain.WriteTo(_folder);
        string hub = Hosts.NewHub();
        string id = hub + "-pipeline";
        await using SelfHostedDurableHost client = await Hosts.AzureAsync(azurite.ConnectionString, hub, runWorker: false);
        var ledger = new LedgerReader(azurite.ConnectionString);
        await using WorkerProcess first = await WorkerProcess.StartAsync(azurite.ConnectionString, hub, latencyMs: 700, _folder);
        await client.Client.ScheduleNewOrchestrationInstanceAsync(
            PipelineOrchestrator.Name, new PipelineRunInput { Pipeline = PipelineChain.Name, Input = "the draft" }, new StartOrchestrationOptions { InstanceId = id });

        PipelineProgress atKill = await WaitForStagesAsync(client.Client, id, atLeast: 2);
        await first.KillAsync();
        int rowsAtKill = (await ledger.RowsAsync(id)).Count;
        await using WorkerProcess second = await WorkerProcess.StartAsync(azurite.ConnectionString, hub, latencyMs: 50, _folder);
        OrchestrationMetadata run = await client.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, TestTimeout.Token(150));

        Assert.True(run.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{run.RuntimeStatus} {run.FailureDetails?.ErrorMessage}\n{string.Join("\n", first.Log.Concat(second.Log))}");
        PipelineRunResult result = run.ReadOutputAs<PipelineRunResult>()!;
        Assert.Equal(["s1", "s2", "s3", "s4", "s5"], result.Stages.Select(s => s.StageId));
        Assert.True(result.Simulated);
        List<CostRecord> rows = await ledger.RowsAsync(id);
        Assert.Equal(PipelineChain.Stages, rows.Count); // one attempt per stage (the model never fails): a re-run attempt recorded again would add a row
        Assert.Equal(rows.Count, rows.Select(r => r.CallId).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(["s1", "s2", "s3", "s4", "s5"], rows.Where(r => r.Succeeded).Select(r => r.Stage).Order(StringComparer.Ordinal)); // one answer per stage
        Assert.Equal(result.CostUsd, rows.Sum(r => r.CostUsd));
        Assert.All(rows, r => Assert.Equal((PipelineChain.Name, true), (r.Pipeline, r.Simulated)));
        output.WriteLine($"killed after {atKill.StagesCompleted} of {PipelineChain.Stages} stages (in {atKill.Stage}), {rowsAtKill} ledger rows then, {rows.Count} at the end");
        Assert.InRange(atKill.StagesCompleted, 2, PipelineChain.Stages - 1);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Polls the run's custom status until it reports <paramref name="atLeast"/> finished stages.</summary>
    private static async Task<PipelineProgress> WaitForStagesAsync(DurableTaskClient client, string id, int atLeast)
    {
        CancellationToken deadline = TestTimeout.Token(90);
        while (true)
        {
            OrchestrationMetadata? run = await client.GetInstanceAsync(id, getInputsAndOutputs: true, deadline);
            Assert.False(run?.IsCompleted == true, $"{id} finished before the kill: {run?.RuntimeStatus} {run?.FailureDetails?.ErrorMessage}");
            if (run?.SerializedCustomStatus is not null && run.ReadCustomStatusAs<PipelineProgress>() is { Kind: PipelineProgress.StatusKind } progress && progress.StagesCompleted >= atLeast)
            {
                return progress;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), deadline);
        }
    }
}
