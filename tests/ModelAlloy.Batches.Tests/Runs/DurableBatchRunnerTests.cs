using DurableTask.Core.History;
using ModelAlloy.Batches.Items;
using ModelAlloy.Batches.Progress;
using ModelAlloy.Batches.Results;
using ModelAlloy.Batches.Runs;
using ModelAlloy.Batches.Tests.Fakes;
using ModelAlloy.Pipelines.Orchestration;

namespace ModelAlloy.Batches.Tests.Runs;

/// <summary>The runner with the real executor on the self-hosted worker (DTFx in-memory): pipeline runs, read-backs, resumes.</summary>
public sealed class DurableBatchRunnerTests(LocalHostFixture local) : IClassFixture<LocalHostFixture>
{
    [Fact]
    public async Task Every_item_runs_once_under_its_derived_id_with_its_cost_and_path()
    {
        CancellationToken timeout = TestTimeout.Token(120);
        IReadOnlyList<BatchItem> items = BatchWorkspace.Items(12);
        var results = new BatchResultList();
        var progress = new List<BatchProgress>();

        BatchSummary summary = await (await RunnerAsync("first", 4)).RunAsync(items, results, new Collect(progress), timeout);

        Assert.Equal((12, 12, 0, 0, 0), (summary.Total, summary.Done, summary.Failed, summary.Skipped, summary.Unfinished));
        Assert.All(results.Results, r =>
        {
            Assert.Equal(BatchInstanceId.For("first", r.Id), r.Instance);
            Assert.Equal(BatchItemStatus.Completed, r.Status);
            Assert.StartsWith("[simulated:sim-mini]", r.Output, StringComparison.Ordinal);
            Assert.Equal("answer [sim-mini]", r.Stages);
            Assert.True(r.CostUsd > 0);
            Assert.True(r.Simulated);
            Assert.Equal(1, ExecutionsStarted(r.Instance));
        });
        Assert.Equal(items.Select(i => i.Id).Order(), results.Results.Select(r => r.Id).Order());
        Assert.Equal(results.Results.Sum(r => r.CostUsd), summary.CostUsd);
        BatchProgress last = progress[^1];
        Assert.Equal((12, 0, 0, summary.CostUsd, TimeSpan.Zero), (last.Done, last.Failed, last.InFlight, last.CostUsd, last.Eta));
        Assert.True(progress.All(p => p.InFlight <= 4));
    }

    [Fact]
    public async Task Rerun_with_the_same_batch_id_reads_every_finished_item_back_and_starts_nothing()
    {
        CancellationToken timeout = TestTimeout.Token(120);
        IReadOnlyList<BatchItem> items = BatchWorkspace.Items(8);
        var first = new BatchResultList();
        await (await RunnerAsync("again", 8)).RunAsync(items, first, stop: timeout);

        var second = new BatchResultList();
        BatchSummary summary = await (await RunnerAsync("again", 8)).RunAsync(items, second, stop: timeout);

        Assert.Equal((8, 8, 8), (summary.Total, summary.Done, summary.Skipped));
        Assert.All(second.Results, r => Assert.True(r.Skipped));
        Assert.Equal(first.Results.Sum(r => r.CostUsd), summary.CostUsd);
        Assert.Equal(
            first.Results.OrderBy(r => r.Id).Select(r => (r.Id, r.Instance, r.Output)),
            second.Results.OrderBy(r => r.Id).Select(r => (r.Id, r.Instance, r.Output)));
        Assert.All(second.Results, r => Assert.Equal(1, ExecutionsStarted(r.Instance)));
    }

    [Fact]
    public async Task Rerun_after_a_partial_pass_runs_only_the_items_that_never_started()
    {
        CancellationToken timeout = TestTimeout.Token(120);
        IReadOnlyList<BatchItem> items = BatchWorkspace.Items(10);
        // An earlier pass that got through three items (as if it was killed), one of them still running when it died.
        foreach (BatchItem item in items.Take(3))
        {
            await InstanceStarter.StartOnceAsync(local.Host.Client, PipelineOrchestrator.Name, new PipelineRunInput { Pipeline = BatchWorkspace.Pipeline, Input = item.Input }, BatchInstanceId.For("partial", item.Id), timeout);
        }

        foreach (BatchItem item in items.Take(2))
        {
            await local.Host.Client.WaitForInstanceCompletionAsync(BatchInstanceId.For("partial", item.Id), timeout);
        }

        var results = new BatchResultList();
        BatchSummary summary = await (await RunnerAsync("partial", 4)).RunAsync(items, results, stop: timeout);

        Assert.Equal(10, summary.Done);
        Assert.InRange(summary.Skipped, 2, 3); // the third may have finished before the pass looked
        Assert.All(results.Results.Where(r => r.Id is "T-0001" or "T-0002"), r => Assert.True(r.Skipped));
        Assert.All(results.Results, r => Assert.Equal(1, ExecutionsStarted(r.Instance)));
    }

    private async Task<BatchRunner> RunnerAsync(string batchId, int concurrency) =>
        new(new DurableBatchItemExecutor(local.Host.Client, await local.Host.Pipelines.GetSnapshotAsync(BatchWorkspace.Pipeline)), new BatchRunOptions { BatchId = batchId, Pipeline = BatchWorkspace.Pipeline, Concurrency = concurrency });

    private int ExecutionsStarted(string instanceId) =>
        local.Host.Durable.Sidecar.GetRecordedHistory(instanceId).OfType<ExecutionStartedEvent>().Count();

    private sealed class Collect(List<BatchProgress> reports) : IProgress<BatchProgress>
    {
        public void Report(BatchProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
