namespace ModelAlloy.Models.Tests.Reporting;

public sealed class CostReportDemoTests
{
    [Fact]
    public async Task The_example_week_flags_the_premium_classifier_and_is_labelled_simulated()
    {
        string catalog = Path.Combine(AppContext.BaseDirectory, "models.demo.json");
        var ledger = new InMemoryCostLedger();

        string report = await CostReportDemo.RunAsync(catalog, ledger, new DateOnly(2026, 11, 16), TestTimeout.Token());

        Assert.Contains("SIMULATED", report, StringComparison.Ordinal);
        Assert.Contains("FLAG task 'classify': 'sim-gpt-4o'", report, StringComparison.Ordinal);
        Assert.Contains("2026-W47", report, StringComparison.Ordinal);
        Assert.All(ledger.Records, r => Assert.True(r.Simulated));
        Assert.Equal(ledger.Records.Count, ledger.Records.Select(r => r.CallId).Distinct().Count());
    }
}
