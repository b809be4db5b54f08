using ModelAlloy.Batches.Results;

namespace ModelAlloy.Batches.Tests.Results;

public sealed class BatchSummaryTests
{
    [Fact]
    public void Percentiles_are_nearest_rank()
    {
        LatencyPercentiles p = LatencyPercentiles.Of(Enumerable.Range(1, 100).Select(i => (double)(101 - i)));
        Assert.Equal(new LatencyPercentiles(50, 95, 99), p);
        Assert.Equal(new LatencyPercentiles(7, 7, 7), LatencyPercentiles.Of([7]));
        Assert.Equal(new LatencyPercentiles(2, 10, 10), LatencyPercentiles.Of([10, 1, 2, 3]));
        Assert.Equal(new LatencyPercentiles(0, 0, 0), LatencyPercentiles.Of([]));
    }

    [Fact]
    public void Summary_counts_every_item_sums_cost_and_lists_failures_with_reasons()
    {
        BatchItemResult[] results =
        [
            new() { Id = "a", Instance = "i-a", Status = BatchItemStatus.Completed, CostUsd = 0.10m, LatencyMs = 100, Simulated = true },
            new() { Id = "b", Instance = "i-b", Status = BatchItemStatus.Completed, CostUsd = 0.25m, LatencyMs = 300, Skipped = true },
            new() { Id = "c", Instance = "i-c", Status = BatchItemStatus.Failed, CostUsd = 0.05m, LatencyMs = 200, Failure = "PipelineStageException: stage 'answer' failed" },
            new() { Id = "d", Instance = "i-d", Status = BatchItemStatus.Terminated, LatencyMs = 400, Skipped = true },
        ];

        BatchSummary summary = BatchSummary.Of("b1", "one-step", total: 6, results, TimeSpan.FromSeconds(4));

        Assert.Equal((6, 2, 2, 2, 2), (summary.Total, summary.Done, summary.Failed, summary.Skipped, summary.Unfinished));
        Assert.Equal(0.40m, summary.CostUsd);
        Assert.Equal(new LatencyPercentiles(200, 400, 400), summary.LatencyMs);
        Assert.Equal(0.5, summary.ItemsPerSecond); // two items ran in this pass (the skipped ones were read back)
        Assert.True(summary.Simulated);
        Assert.False(summary.Stopped);
        Assert.Equal(
            [new BatchFailure("c", "i-c", "PipelineStageException: stage 'answer' failed"), new BatchFailure("d", "i-d", "Terminated")],
            summary.Failures);
    }
}
