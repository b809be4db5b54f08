using System.Net;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ModelAlloy.Models;

/// <summary>
/// The cost dashboard: one self-contained HTML page (inline CSS, inline script, inline SVG charts; nothing fetched
/// when viewed) of cost per day by pipeline, task type and model, calls and cost per tier, the expensive-model
/// findings and the saving against the single-capable-model baseline. For <c>alloy costs --html</c> and any HTTP host.
/// </summary>
public static partial class CostDashboard
{
    /// <summary>The page's media type, for HTTP hosts.</summary>
    public const string ContentType = "text/html; charset=utf-8";

    // The data goes in a JSON script block, which the browser never runs; the default encoder escapes <, > and &, so a
    // value holding "</script>" or "<!--" cannot end the block. The script puts values in the page as text only.
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private static readonly Lazy<string> Template = new(() => Resource("dashboard.html")
        .Replace("/*{{CSS}}*/", Resource("dashboard.css"), StringComparison.Ordinal)
        .Replace("/*{{SCRIPT}}*/", Resource("dashboard.js"), StringComparison.Ordinal));

    /// <summary>Renders the page for records already read.</summary>
    /// <param name="records">Ledger records.</param>
    /// <param name="catalog">The catalog, for tiers and the baseline's prices; null shows tiers as unknown and no baseline.</param>
    /// <param name="options">Title, days, baseline model, finding thresholds.</param>
    /// <returns>The HTML page.</returns>
    public static string Render(IReadOnlyList<CostRecord> records, ModelCatalog? catalog, CostDashboardOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        options ??= new CostDashboardOptions();
        DashboardData data = DashboardDataBuilder.Build(records, catalog, options);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["TITLE"] = WebUtility.HtmlEncode(options.Title),
            ["DATA"] = JsonSerializer.Serialize(data, Json),
        };

        // One pass, so nothing substituted is searched for placeholders again.
        return Placeholder().Replace(Template.Value, m => values[m.Groups["name"].Value]);
    }

    /// <summary>Reads the ledger for the given days and renders the page.</summary>
    /// <param name="ledger">The ledger.</param>
    /// <param name="from">First UTC day.</param>
    /// <param name="to">Last UTC day.</param>
    /// <param name="catalog">The catalog, or null.</param>
    /// <param name="options">Options; its days are replaced by <paramref name="from"/> and <paramref name="to"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The HTML page.</returns>
    public static async Task<string> RenderAsync(
        ICostLedger ledger, DateOnly from, DateOnly to, ModelCatalog? catalog, CostDashboardOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var records = new List<CostRecord>();
        await foreach (CostRecord record in ledger.QueryAsync(from, to, cancellationToken).ConfigureAwait(false))
        {
            records.Add(record);
        }

        CostDashboardOptions source = options ?? new CostDashboardOptions();
        var days = new CostDashboardOptions
        {
            Title = source.Title, From = from, To = to, BaselineModelId = source.BaselineModelId, Findings = source.Findings,
        };
        return Render(records, catalog, days);
    }

    private static string Resource(string name)
    {
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"ModelAlloy.Models.Reporting.Dashboard.{name}")
            ?? throw new InvalidOperationException($"embedded resource {name} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"\{\{(?<name>TITLE|DATA)\}\}")]
    private static partial Regex Placeholder();
}
