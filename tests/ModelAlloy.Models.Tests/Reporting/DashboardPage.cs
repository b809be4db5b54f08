using System.Text.RegularExpressions;
using ModelAlloy.Models.Tests.Fakes;

namespace ModelAlloy.Models.Tests.Reporting;

/// <summary>
/// The dashboard of a simulated week (the gateway's demo: real policy and ledger, simulated models) plus one record
/// whose pipeline name is markup, rendered once and loaded once in headless Chromium for the browser tests.
/// The page and its screenshot stay in bin/.../artifacts/ for a person to look at.
/// </summary>
public sealed partial class DashboardPage : IAsyncLifetime
{
    public const string MarkupPipeline = "</script><script>document.body.setAttribute('data-pwned','1')</script>";

    public static string ArtifactsDirectory => Path.Combine(AppContext.BaseDirectory, "artifacts");

    public static string HtmlFile => Path.Combine(ArtifactsDirectory, "dashboard.html");

    public static string ScreenshotFile => Path.Combine(ArtifactsDirectory, "dashboard.png");

    public IReadOnlyList<CostRecord> Records { get; private set; } = [];

    public string Dom { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        string catalogPath = Path.Combine(AppContext.BaseDirectory, "models.demo.json");
        var ledger = new InMemoryCostLedger();
        var weekStart = new DateOnly(2026, 11, 16);
        await CostReportDemo.RunAsync(catalogPath, ledger, weekStart, timeout.Token);
        await ledger.RecordAsync(ExpensiveModelDetectorTests.Calls("classify", "sim-gpt-4o-mini", 1, 1, 0.0004m).Single() with
        {
            CallId = "markup-1", Pipeline = MarkupPipeline, OccurredAtUtc = new DateTime(2026, 11, 18, 12, 0, 0, DateTimeKind.Utc),
        });
        Records = ledger.Records.ToList();

        string html = CostDashboard.Render(Records, LoadCatalog(catalogPath), new CostDashboardOptions { Title = "Simulated week" });
        Directory.CreateDirectory(ArtifactsDirectory);
        await File.WriteAllTextAsync(HtmlFile, html, timeout.Token);
        Dom = await HeadlessChromium.DumpDomAsync(HtmlFile, timeout.Token);
        await HeadlessChromium.ScreenshotAsync(HtmlFile, ScreenshotFile, timeout.Token);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static ModelCatalog LoadCatalog(string path) => new(Microsoft.Extensions.Options.Options.Create(
        ModelCatalogConfiguration.Bind(ModelCatalogConfiguration.Build(path, new Dictionary<string, string?>()))));

    /// <summary>Returns the opening tag of the first element of <paramref name="tag"/> with <paramref name="attribute"/>="<paramref name="value"/>".</summary>
    public string Element(string tag, string attribute, string value)
    {
        Match match = Regex.Match(Dom, $"<{tag}\\b[^>]*\\b{attribute}=\"{Regex.Escape(value)}\"[^>]*>");
        Assert.True(match.Success, $"no <{tag} {attribute}=\"{value}\"> in the rendered page");
        return match.Value;
    }

    /// <summary>Returns an attribute of an opening tag, decoded.</summary>
    public static string? Attribute(string openingTag, string name)
    {
        Match match = Regex.Match(openingTag, $"\\b{name}=\"(?<v>[^\"]*)\"");
        return match.Success ? System.Net.WebUtility.HtmlDecode(match.Groups["v"].Value) : null;
    }

    /// <summary>Returns the text of the KPI card's value.</summary>
    public string KpiValue(string name)
    {
        Match match = Regex.Match(Dom, $"data-total=\"{name}\"[^>]*>\\s*<div class=\"label\">[^<]*</div>\\s*<div class=\"value\">(?<v>[^<]*)</div>");
        Assert.True(match.Success, $"no KPI '{name}' in the rendered page");
        return System.Net.WebUtility.HtmlDecode(match.Groups["v"].Value);
    }

    /// <summary>Returns the keys of a chart's legend, decoded.</summary>
    public IReadOnlyList<string> LegendKeys(string chart)
    {
        int start = Dom.IndexOf($"data-chart=\"{chart}\"", StringComparison.Ordinal);
        int end = Dom.IndexOf("</ul>", start, StringComparison.Ordinal);
        return Regex.Matches(Dom[start..end], "<li data-key=\"(?<k>[^\"]*)\"").Select(m => System.Net.WebUtility.HtmlDecode(m.Groups["k"].Value)).ToList();
    }

    public int Count(string pattern) => Regex.Matches(Dom, pattern).Count;
}
