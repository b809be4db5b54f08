namespace ModelAlloy.Models.Tests.Reporting;

/// <summary>Aggregates count provider calls; attempts skipped without a call are counted apart and cost nothing.</summary>
public sealed class CostAggregatorTests
{
    [Fact]
    public void Skipped_attempts_are_counted_apart_from_calls_and_do_not_dilute_latency()
    {
        List<CostRecord> records =
        [
            .. ExpensiveModelDetectorTests.Calls("classify", "gpt-4o", 2, 2, 0.02m),
            Skipped("gpt-4o", "CoolingDown", 1),
            Skipped("gpt-4o", "BudgetExceeded", 2),
        ];

        CostAggregate model = Assert.Single(CostAggregator.Aggregate(records, CostPeriod.Day, CostDimension.Model));

        Assert.Equal((2, 2, 2, 0.04m, 300L), (model.Calls, model.Skipped, model.Succeeded, model.CostUsd, model.AverageLatencyMs));
    }

    [Fact]
    public void The_report_shows_calls_and_skipped_attempts()
    {
        List<CostRecord> records = [.. ExpensiveModelDetectorTests.Calls("classify", "gpt-4o", 3, 3, 0.01m), Skipped("gpt-4o", "CoolingDown", 1)];

        string report = CostReport.Write(records, new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 23));

        Assert.Contains("calls 3, accepted 3, cost $0.030000  [1 attempts skipped without a call]", report, StringComparison.Ordinal);
    }

    internal static CostRecord Skipped(string model, string outcome, int i) => new()
    {
        CallId = $"skipped-{model}-{i}", RunId = $"run-s{i}", Pipeline = "support", TaskType = "classify", ModelId = model,
        Provider = "AzureOpenAI", Deployment = model, Attempt = 1, Outcome = outcome,
        OccurredAtUtc = new DateTime(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc).AddMinutes(i),
    };
}
