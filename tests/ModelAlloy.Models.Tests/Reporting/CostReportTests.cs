namespace ModelAlloy.Models.Tests.Reporting;

public sealed class CostReportTests
{
    [Fact]
    public async Task The_report_totals_groups_and_flags()
    {
        var ledger = new InMemoryCostLedger();
        foreach (CostRecord r in ExpensiveModelDetectorTests.Calls("classify", "gpt-4o", 10, 10, 0.02m)
            .Concat(ExpensiveModelDetectorTests.Calls("classify", "gpt-4o-mini", 10, 10, 0.0005m)))
        {
            await ledger.RecordAsync(r);
        }

        string report = await CostReport.BuildAsync(ledger, new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 29));

        Assert.Contains("calls 20, accepted 20, cost $0.205000", report, StringComparison.Ordinal);
        Assert.Contains("By day x pipeline", report, StringComparison.Ordinal);
        Assert.Contains("2026-W48", report, StringComparison.Ordinal);
        Assert.Contains("FLAG task 'classify': 'gpt-4o' costs $0.020000/answer (100% accepted)", report, StringComparison.Ordinal);
        Assert.Contains("40x cheaper", report, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulated_records_are_labelled()
    {
        CostRecord record = ExpensiveModelDetectorTests.Calls("t", "sim", 1, 1, 0m).Single() with { Simulated = true };

        string report = CostReport.Write([record], new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 23));

        Assert.Contains("[1 SIMULATED]", report, StringComparison.Ordinal);
    }
}
