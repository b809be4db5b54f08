using System.Globalization;
using Xunit.Abstractions;

namespace ModelAlloy.Models.Tests.Reporting;

/// <summary>The cost dashboard in a real browser (Debian's Chromium, headless): drawn, with data, totals equal to the ledger's.</summary>
public sealed class CostDashboardBrowserTests(DashboardPage page, ITestOutputHelper output) : IClassFixture<DashboardPage>
{
    [Fact]
    public void The_page_renders_without_a_script_error()
    {
        Assert.Equal("ok", DashboardPage.Attribute(page.Element("body", "data-rendered", "ok"), "data-rendered"));
        Assert.DoesNotContain("data-render-error=\"", page.Dom, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cost-by-pipeline", CostDimension.Pipeline, 4)] // support-triage, support-triage-v2, research, the markup pipeline
    [InlineData("cost-by-task-type", CostDimension.TaskType, 2)] // classify, synthesize
    [InlineData("cost-by-model", CostDimension.Model, 3)] // at least: the premium classifier, the cheap one, the reasoner
    public void Each_cost_per_day_chart_draws_a_bar_segment_per_key_and_day_with_cost(string chart, CostDimension dimension, int atLeast)
    {
        string svg = page.Element("svg", "data-chart", chart);
        IReadOnlyList<CostAggregate> aggregates = CostAggregator.Aggregate(page.Records, CostPeriod.Day, dimension);
        int keys = aggregates.Select(a => a.Key).Distinct().Count();
        int segments = aggregates.Count(a => a.CostUsd > 0);

        Assert.InRange(keys, atLeast, 8); // over 8 keys the page sums the smallest into "other"
        Assert.Equal(keys, int.Parse(DashboardPage.Attribute(svg, "data-series")!, CultureInfo.InvariantCulture));
        Assert.Equal(segments, int.Parse(DashboardPage.Attribute(svg, "data-bars")!, CultureInfo.InvariantCulture));
        Assert.Equal(segments, CountBars(chart));
        Assert.Equal((double)page.Records.Sum(r => r.CostUsd), double.Parse(DashboardPage.Attribute(svg, "data-total-usd")!, CultureInfo.InvariantCulture), 9);
    }

    [Fact]
    public void The_totals_shown_equal_the_ledgers_totals()
    {
        decimal cost = page.Records.Sum(r => r.CostUsd);

        Assert.Equal(Math.Round(cost, 10), decimal.Parse(DashboardPage.Attribute(page.Element("div", "data-total", "cost"), "data-usd")!, CultureInfo.InvariantCulture));
        Assert.Equal(Usd(cost), page.KpiValue("cost"));
        Assert.Equal(Count(page.Records.Count(r => r.ReachedProvider)), page.KpiValue("calls"));
        Assert.Equal(Count(page.Records.Count(r => r.Succeeded)), page.KpiValue("accepted"));
        Assert.Equal(Count(page.Records.Count(r => !r.ReachedProvider)), page.KpiValue("skipped"));
        Assert.Equal(Count(page.Records.Sum(r => r.InputTokens)), page.KpiValue("tokens"));
    }

    [Fact]
    public void Tiers_findings_and_the_baseline_saving_are_drawn_from_the_ledger()
    {
        var catalog = DashboardPage.LoadCatalog(Path.Combine(AppContext.BaseDirectory, "models.demo.json"));
        BaselineComparison baseline = CostBaseline.Compare(page.Records, catalog);
        IReadOnlyList<ExpensiveModelFinding> findings = ExpensiveModelDetector.Detect(page.Records);

        Assert.Equal("2", DashboardPage.Attribute(page.Element("svg", "data-chart", "tiers"), "data-rows")); // Economy, Premium
        Assert.Equal(Math.Round(baseline.SavingUsd, 10), decimal.Parse(DashboardPage.Attribute(page.Element("svg", "data-chart", "baseline"), "data-saving-usd")!, CultureInfo.InvariantCulture));
        Assert.Equal(Usd(baseline.SavingUsd), page.KpiValue("saving"));
        Assert.True(baseline.SavingUsd > 0, "the demo's alloy should beat sending everything to one premium model");
        Assert.NotEmpty(findings);
        Assert.Equal(findings.Count.ToString(CultureInfo.InvariantCulture), DashboardPage.Attribute(page.Element("table", "data-findings", findings.Count.ToString(CultureInfo.InvariantCulture)), "data-findings"));
        Assert.Equal(findings.Count, page.Count("<tr data-finding="));
    }

    [Fact]
    public void A_pipeline_name_that_is_markup_is_shown_as_text_and_never_runs()
    {
        string text = DashboardPage.MarkupPipeline.Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

        Assert.DoesNotContain("data-pwned=\"1\"", page.Dom, StringComparison.Ordinal);
        Assert.Contains(DashboardPage.MarkupPipeline, page.LegendKeys("cost-by-pipeline"));
        Assert.Contains($"</span>{text}<span class=\"amount\">", page.Dom, StringComparison.Ordinal); // the legend's text node
    }

    [Fact]
    public void A_screenshot_of_the_page_is_written()
    {
        byte[] png = File.ReadAllBytes(DashboardPage.ScreenshotFile);

        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.True(png.Length > 50_000, $"a {png.Length}-byte screenshot is too small to hold the charts");
        output.WriteLine($"dashboard screenshot: {DashboardPage.ScreenshotFile}");
        output.WriteLine($"dashboard page: {DashboardPage.HtmlFile}");
    }

    private int CountBars(string chart)
    {
        string dom = page.Dom;
        int start = dom.IndexOf($"data-chart=\"{chart}\"", StringComparison.Ordinal);
        int end = dom.IndexOf("</svg>", start, StringComparison.Ordinal);
        return System.Text.RegularExpressions.Regex.Matches(dom[start..end], "<rect [^>]*data-day=").Count;
    }

    // The page's formatting: 2 decimals from $1, 4 from 1 cent, else 6; en-US grouping.
    private static string Usd(decimal value)
    {
        decimal a = Math.Abs(value);
        int digits = a == 0 || a >= 1 ? 2 : a >= 0.01m ? 4 : 6;
        return (value < 0 ? "-$" : "$") + a.ToString("N" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
