using ModelAlloy.Cli.Commands;

namespace ModelAlloy.Cli.Tests.Commands;

public sealed class CostsCommandTests
{
    [Fact]
    public async Task Costs_demo_prints_the_weekly_report_and_flags_the_expensive_classifier()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = await CostsCommand.RunAsync(["demo", "--week-start", "2026-11-16"], output, error, CancellationToken.None);

        var text = output.ToString();
        Assert.Equal(0, exitCode);
        Assert.Contains("Model cost report 2026-11-16 .. 2026-11-22", text);
        Assert.Contains("2026-W47", text);
        Assert.Contains("FLAG task 'classify': 'sim-gpt-4o'", text);
        Assert.Contains("SIMULATED", text);
    }

    [Fact]
    public async Task Costs_demo_with_html_also_writes_the_dashboard_page()
    {
        var file = Path.Combine(Path.GetTempPath(), $"alloy-costs-{Guid.NewGuid():N}.html");
        var output = new StringWriter();
        try
        {
            var exitCode = await CostsCommand.RunAsync(["demo", "--week-start", "2026-11-16", "--html", file], output, new StringWriter(), CancellationToken.None);

            Assert.Equal(0, exitCode);
            Assert.Contains($"Cost dashboard written to {file}", output.ToString());
            var html = await File.ReadAllTextAsync(file);
            Assert.StartsWith("<!DOCTYPE html>", html);
            Assert.Contains("\"from\":\"2026-11-16\",\"to\":\"2026-11-22\"", html);
            Assert.Contains("\"baseline\":{\"model\":\"sim-gpt-4o\"", html); // the demo's catalog gives the baseline's prices
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Costs_with_a_malformed_date_explains_the_expected_format()
    {
        var error = new StringWriter();

        var exitCode = await CostsCommand.RunAsync(["demo", "--week-start", "16/11/2026"], new StringWriter(), error, CancellationToken.None);

        Assert.Equal(2, exitCode);
        Assert.Contains("yyyy-MM-dd", error.ToString());
    }
}
