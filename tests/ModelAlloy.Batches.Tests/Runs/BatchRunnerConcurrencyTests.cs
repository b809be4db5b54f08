using ModelAlloy.Batches.Items;
using ModelAlloy.Batches.Progress;
using ModelAlloy.Batches.Results;
using ModelAlloy.Batches.Runs;
using ModelAlloy.Batches.Tests.Fakes;

namespace ModelAlloy.Batches.Tests.Runs;

/// <summary>The runner's bound and stop, against executors that rendezvous (no clock in any assertion).</summary>
public sealed class BatchRunnerConcurrencyTests
{
    [Theory]
    [InlineData(1, 5)]
    [InlineData(4, 10)]
    [InlineData(8, 8)]
    [InlineData(32, 70)]
    public async Task Exactly_the_concurrency_limit_is_in_flight(int limit, int total)
    {
        CancellationToken deadline = TestTimeout.Token();
        var executor = new RendezvousExecutor(limit, total, deadline);
        var runner = new BatchRunner(executor, new BatchRunOptions { BatchId = "rv", Pipeline = "p", Concurrency = limit });
        var results = new BatchResultList();

        BatchSummary summary = await runner.RunAsync(BatchWorkspace.Items(total), results, stop: deadline);

        Assert.Equal(limit, executor.MaxInFlight); // waves of exactly `limit` met, so never fewer; never more
        Assert.Equal(total, summary.Done);
        Assert.Equal(total, results.Results.Select(r => r.Id).Distinct().Count());
        Assert.Equal(total * 0.001m, summary.CostUsd);
    }

    [Fact]
    public async Task Stop_starts_nothing_new_and_leaves_the_runs_in_flight_unfinished()
    {
        CancellationToken deadline = TestTimeout.Token();
        var executor = new BlockingExecutor(signalAt: 3, deadline);
        var runner = new BatchRunner(executor, new BatchRunOptions { BatchId = "stop", Pipeline = "p", Concurrency = 3, DrainTimeout = TimeSpan.Zero });
        using var stop = new CancellationTokenSource();
        var progress = new List<BatchProgress>();

        Task<BatchSummary> running = runner.RunAsync(BatchWorkspace.Items(10), new BatchResultList(), new SyncProgress(progress), stop.Token);
        await executor.Reached.WaitAsync(deadline);
        stop.Cancel();
        BatchSummary summary = await running.WaitAsync(deadline);

        Assert.Equal(3, executor.Entered);
        Assert.True(summary.Stopped);
        Assert.Equal((10, 0, 10), (summary.Total, summary.Done + summary.Failed, summary.Unfinished));
        Assert.Equal(0, progress[^1].InFlight);
    }

    [Fact]
    public async Task Items_sharing_an_id_are_refused_before_anything_starts()
    {
        var executor = new BlockingExecutor(signalAt: 1, TestTimeout.Token());
        var runner = new BatchRunner(executor, new BatchRunOptions { BatchId = "dup", Pipeline = "p" });

        ArgumentException refused = await Assert.ThrowsAsync<ArgumentException>(
            () => runner.RunAsync([new BatchItem("x", "1"), new BatchItem("y", "2"), new BatchItem("x", "3")], new BatchResultList()));

        Assert.Contains("item id 'x' appears 2 times", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, executor.Entered);
    }

    private sealed class SyncProgress(List<BatchProgress> reports) : IProgress<BatchProgress>
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
