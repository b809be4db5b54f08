using ModelAlloy.Cli.Tests.Fakes;

namespace ModelAlloy.Cli.Tests.Commands;

public sealed class CostsCommandTests
{
    [Theory]
    [InlineData("costs")]
    [InlineData("costs", "demo")]
    public async Task Costs_demo_prints_the_weekly_report_and_flags_the_expensive_classifier(params string[] command)
    {
        AlloyResult costs = await Alloy.RunAsync([.. command, "--week-start", "2026-11-16"]);

        string text = costs.Output;
        Assert.True(costs.ExitCode == 0, costs.ToString());
        Assert.Contains("Model cost report 2026-11-16 .. 2026-11-22", text);
        Assert.Contains("2026-W47", text);
        Assert.Contains("FLAG task 'classify': 'sim-gpt-4o'", text);
        Assert.Contains("SIMULATED", text);
    }

    [Fact]
    public async Task Costs_demo_with_html_also_writes_the_dashboard_page()
    {
        var file = Path.Combine(Path.GetTempPath(), $"alloy-costs-{Guid.NewGuid():N}.html");
        try
        {
            AlloyResult costs = await Alloy.RunAsync("costs", "demo", "--week-start", "2026-11-16", "--html", file);

            Assert.True(costs.ExitCode == 0, costs.ToString());
            Assert.Contains($"Cost dashboard written to {file}", costs.Output);
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

    [Theory]
    [InlineData("model", "sim-gpt-4o")]
    [InlineData("task", "classify")]
    [InlineData("pipeline", "support-triage-v2")]
    public async Task Costs_by_groups_the_week_in_one_table_with_the_saving_against_one_capable_model(string by, string key)
    {
        AlloyResult costs = await Alloy.RunAsync("costs", "demo", "--week-start", "2026-11-16", "--by", by);

        Assert.True(costs.ExitCode == 0, costs.ToString());
        string[] lines = Alloy.Lines(costs.Output);
        Assert.Equal($"Model costs 2026-11-16 .. 2026-11-22 (UTC) by ISO week x {by}  [SIMULATED]", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("| Period", StringComparison.Ordinal) && l.Contains($"| {by} ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("| 2026-W47", StringComparison.Ordinal) && l.Contains($"| {key} ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Cost $", StringComparison.Ordinal) && l.Contains(" alone (same tokens, ", StringComparison.Ordinal));
        Assert.DoesNotContain("By ISO week x provider", costs.Output); // one table, not the whole report
    }

    [Fact]
    public async Task Costs_by_day_has_one_row_per_day_and_key()
    {
        AlloyResult costs = await Alloy.RunAsync("costs", "--week-start", "2026-11-16", "--by", "pipeline", "--period", "day");

        Assert.True(costs.ExitCode == 0, costs.ToString());
        Assert.Equal(7, Alloy.Lines(costs.Output).Count(l => l.StartsWith("| 2026-11-", StringComparison.Ordinal) && l.Contains("| research ", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(new[] { "costs", "demo", "--week-start", "16/11/2026" }, "alloy: Option --week-start expects a date as yyyy-MM-dd, not '16/11/2026'.")]
    [InlineData(new[] { "costs", "--by", "colour" }, "alloy: Argument 'colour' not recognized. Must be one of:")]
    [InlineData(new[] { "costs", "ledger", "--from", "yesterday" }, "alloy: Option --from expects a date as yyyy-MM-dd, not 'yesterday'.")]
    public async Task Costs_with_a_bad_option_says_what_is_expected_and_exits_2(string[] args, string expected)
    {
        AlloyResult costs = await Alloy.RunAsync(args);

        Assert.Equal(2, costs.ExitCode);
        Assert.StartsWith(expected, Alloy.Lines(costs.Error)[0]);
        Assert.Contains("Usage:", costs.Error);
    }
}
