using System.Text.Json;
using System.Text.RegularExpressions;

namespace ModelAlloy.Models.Tests.Reporting;

/// <summary>The page as text: self-contained, its data escaped, its numbers those of the ledger.</summary>
public sealed class CostDashboardTests
{
    private static readonly DateOnly Day = new(2026, 11, 23);

    [Fact]
    public void The_page_loads_nothing_from_outside()
    {
        string html = CostDashboard.Render([.. ExpensiveModelDetectorTests.Calls("classify", "gpt-4o", 3, 3, 0.01m)], catalog: null);

        Assert.DoesNotMatch(new Regex(@"\b(src|href)\s*=|<link\b|@import|url\(", RegexOptions.IgnoreCase), html);
        Assert.DoesNotMatch(new Regex(@"https?://(?!www\.w3\.org/2000/svg)", RegexOptions.IgnoreCase), html);
    }

    [Fact]
    public void Markup_in_ledger_values_cannot_close_the_data_block()
    {
        CostRecord record = ExpensiveModelDetectorTests.Calls("classify", "gpt-4o", 1, 1, 0.01m).Single() with
        {
            Pipeline = "</script><script>alert(1)</script>", TaskType = "<!--", ModelId = "a&b\"'",
        };

        string html = CostDashboard.Render([record], catalog: null, new CostDashboardOptions { Title = "<b>costs</b>" });

        Assert.Equal(2, Regex.Matches(html, "</script>").Count); // the data block's and the script's own
        Assert.DoesNotContain("<!--", html, StringComparison.Ordinal);
        Assert.Contains("<title>&lt;b&gt;costs&lt;/b&gt;</title>", html, StringComparison.Ordinal);
        JsonElement data = Data(html);
        Assert.Equal("</script><script>alert(1)</script>", data.GetProperty("breakdowns").GetProperty("pipeline")[0].GetProperty("key").GetString());
        Assert.Equal("a&b\"'", data.GetProperty("breakdowns").GetProperty("model")[0].GetProperty("key").GetString());
    }

    [Fact]
    public void Every_day_of_the_period_has_a_value_in_each_series_even_without_calls()
    {
        List<CostRecord> records = [.. ExpensiveModelDetectorTests.Calls("classify", "gpt-4o", 2, 2, 0.01m)];

        JsonElement data = Data(CostDashboard.Render(records, catalog: null, new CostDashboardOptions { From = Day.AddDays(-2), To = Day.AddDays(1) }));

        Assert.Equal(["2026-11-21", "2026-11-22", "2026-11-23", "2026-11-24"], data.GetProperty("days").EnumerateArray().Select(d => d.GetString()!));
        Assert.Equal([0m, 0m, 0.02m, 0m], data.GetProperty("breakdowns").GetProperty("model")[0].GetProperty("costUsd").EnumerateArray().Select(v => v.GetDecimal()));
        Assert.Equal(0.02m, data.GetProperty("totals").GetProperty("costUsd").GetDecimal());
    }

    [Fact]
    public void Tiers_come_from_the_catalog_and_unknown_models_are_labelled_so()
    {
        ModelCatalog catalog = Catalog();
        List<CostRecord> records =
        [
            .. ExpensiveModelDetectorTests.Calls("classify", "mini", 4, 4, 0.001m),
            .. ExpensiveModelDetectorTests.Calls("classify", "big", 2, 2, 0.02m),
            .. ExpensiveModelDetectorTests.Calls("classify", "retired", 1, 1, 0.5m),
        ];

        JsonElement tiers = Data(CostDashboard.Render(records, catalog)).GetProperty("tiers");

        Assert.Equal(
            [("Economy", 4, 0.004m), ("Premium", 2, 0.04m), ("Unknown", 1, 0.5m)],
            tiers.EnumerateArray().Select(t => (t.GetProperty("tier").GetString()!, t.GetProperty("calls").GetInt32(), t.GetProperty("costUsd").GetDecimal())));
    }

    [Fact]
    public void The_baseline_prices_each_accepted_answer_at_the_capable_models_prices()
    {
        // 1000 input + 50 output tokens per answer: on "big" (2.5 / 10 per million) that is 0.003 each.
        List<CostRecord> records = [.. ExpensiveModelDetectorTests.Calls("classify", "mini", 10, 8, 0.0002m), .. ExpensiveModelDetectorTests.Calls("classify", "big", 2, 2, 0.003m)];

        BaselineComparison baseline = CostBaseline.Compare(records, Catalog());

        Assert.Equal("big", baseline.BaselineModel);
        Assert.Equal(10, baseline.Answers);
        Assert.Equal(0.03m, baseline.BaselineCostUsd);
        Assert.Equal(0.008m, baseline.ActualCostUsd); // rejected answers' cost stays in the actual cost
        Assert.Equal(0.022m, baseline.SavingUsd);
        Assert.Equal(0.022 / 0.03, baseline.SavingRate, 12);
    }

    [Fact]
    public void The_baseline_model_can_be_chosen_and_must_be_in_the_catalog()
    {
        List<CostRecord> records = [.. ExpensiveModelDetectorTests.Calls("classify", "mini", 2, 2, 0.0002m)];

        Assert.Equal("mini", CostBaseline.Compare(records, Catalog(), "mini").BaselineModel);
        Assert.Equal(ModelErrorCodes.UnknownModel, Assert.Throws<ModelGatewayException>(() => CostBaseline.Compare(records, Catalog(), "nope")).ErrorCode);
    }

    [Fact]
    public async Task RenderAsync_reads_the_ledgers_days()
    {
        var ledger = new InMemoryCostLedger();
        foreach (CostRecord r in ExpensiveModelDetectorTests.Calls("classify", "mini", 3, 3, 0.001m))
        {
            await ledger.RecordAsync(r);
        }

        await ledger.RecordAsync(ExpensiveModelDetectorTests.Calls("classify", "mini", 1, 1, 5m).Single() with { CallId = "old", OccurredAtUtc = new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc) });

        JsonElement data = Data(await CostDashboard.RenderAsync(ledger, Day, Day, Catalog()));

        Assert.Equal(0.003m, data.GetProperty("totals").GetProperty("costUsd").GetDecimal());
        Assert.Equal(3, data.GetProperty("totals").GetProperty("calls").GetInt32());
    }

    private static JsonElement Data(string html)
    {
        Match block = Regex.Match(html, "<script type=\"application/json\" id=\"cost-data\">(?<json>.*?)</script>", RegexOptions.Singleline);
        Assert.True(block.Success, "no data block in the page");
        return JsonDocument.Parse(block.Groups["json"].Value).RootElement;
    }

    private static ModelCatalog Catalog()
    {
        var options = new ModelGatewayOptions();
        options.Models["mini"] = Fakes.TestCatalog.Simulated("mini", inputPrice: 0.15m, outputPrice: 0.6m);
        options.Models["big"] = Fakes.TestCatalog.Simulated("big", inputPrice: 2.5m, outputPrice: 10m);
        options.Models["big"].Tier = ModelTier.Premium;
        return new ModelCatalog(Microsoft.Extensions.Options.Options.Create(options));
    }
}
