using System.Globalization;
using System.Net;
using System.Text;

namespace ModelAlloy.Evaluation.SideBySide;

/// <summary>The side-by-side report's inline SVG charts: cost against quality (one point per system) and cost per task type.</summary>
public static class SideBySideCharts
{
    private const int Width = 760, Height = 440, Left = 80, Right = 220, Top = 36, Bottom = 56;
    private static readonly string[] Colors = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#17becf", "#7f7f7f", "#bcbd22", "#e377c2"];

    /// <summary>Cost per item (x) against quality (y), one labelled point per system.</summary>
    /// <param name="report">The report.</param>
    /// <returns>SVG markup.</returns>
    public static string CostVersusQuality(SideBySideReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        double maxCost = (double)report.Systems.Select(s => s.CostPerItemUsd).DefaultIfEmpty(0).Max();
        maxCost = maxCost <= 0 ? 1e-6 : maxCost * 1.1;
        double plotW = Width - Left - Right, plotH = Height - Top - Bottom;
        string X(double cost) => F(Left + (cost / maxCost * plotW));
        string Y(double quality) => F(Top + ((1 - quality) * plotH));
        var svg = Open(Width, Height, $"Cost per item against quality ({report.Dataset}{(report.Simulated ? ", SIMULATED" : "")})");
        for (int i = 0; i <= 5; i++)
        {
            double c = maxCost * i / 5, q = i / 5.0;
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{X(c)}\" y1=\"{Top}\" x2=\"{X(c)}\" y2=\"{Height - Bottom}\" stroke=\"#eee\"/><text x=\"{X(c)}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">${c:0.######}</text>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Y(q)}\" x2=\"{Width - Right}\" y2=\"{Y(q)}\" stroke=\"#eee\"/><text x=\"{Left - 6}\" y=\"{Y(q)}\" text-anchor=\"end\" dominant-baseline=\"middle\">{q * 100:F0}%</text>\n");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(Left + (plotW / 2))}\" y=\"{Height - 12}\" text-anchor=\"middle\">cost per item (US dollars)</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"16\" y=\"{F(Top + (plotH / 2))}\" text-anchor=\"middle\" transform=\"rotate(-90 16 {F(Top + (plotH / 2))})\">quality ({WebUtility.HtmlEncode(report.Scorer)})</text>\n");
        for (int k = 0; k < report.Systems.Count; k++)
        {
            SystemSummary s = report.Systems[k];
            string color = Colors[k % Colors.Length];
            string name = WebUtility.HtmlEncode(s.System.Name);
            svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{X((double)s.CostPerItemUsd)}\" cy=\"{Y(s.Quality)}\" r=\"{(s.System.IsBaseline ? 5 : 7)}\" fill=\"{color}\"><title>{name}: ${s.CostPerItemUsd:0.######}/item, {s.Quality * 100:F1}%</title></circle>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{Width - Right + 16}\" cy=\"{Top + 8 + (k * 20)}\" r=\"5\" fill=\"{color}\"/><text x=\"{Width - Right + 26}\" y=\"{Top + 8 + (k * 20)}\" dominant-baseline=\"middle\">{name}</text>\n");
        }

        return svg.Append("</svg>\n").ToString();
    }

    /// <summary>A horizontal bar per system, split by the task types its model calls were recorded under.</summary>
    /// <param name="report">The report.</param>
    /// <returns>SVG markup.</returns>
    public static string CostByTaskType(SideBySideReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var types = report.Systems.SelectMany(s => s.CostByTaskType.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        int height = Top + Bottom + (report.Systems.Count * 28) + (types.Count * 18);
        double max = (double)report.Systems.Select(s => s.CostUsd).DefaultIfEmpty(0).Max();
        max = max <= 0 ? 1e-6 : max;
        const int left = 200;
        double plotW = Width - left - 40;
        var svg = Open(Width, height, "Cost per task type (ledger)");
        for (int k = 0; k < report.Systems.Count; k++)
        {
            SystemSummary s = report.Systems[k];
            double y = Top + (k * 28);
            double x = left;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 8}\" y=\"{F(y + 10)}\" text-anchor=\"end\" dominant-baseline=\"middle\">{WebUtility.HtmlEncode(s.System.Name)}</text>\n");
            foreach ((string type, decimal cost) in s.CostByTaskType)
            {
                double w = (double)cost / max * plotW;
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{F(x)}\" y=\"{F(y)}\" width=\"{F(w)}\" height=\"20\" fill=\"{Colors[types.IndexOf(type) % Colors.Length]}\"><title>{WebUtility.HtmlEncode(type)}: ${cost:0.######}</title></rect>\n");
                x += w;
            }

            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x + 4)}\" y=\"{F(y + 10)}\" dominant-baseline=\"middle\">${s.CostUsd:0.####}</text>\n");
        }

        for (int t = 0; t < types.Count; t++)
        {
            double y = Top + (report.Systems.Count * 28) + 12 + (t * 18);
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left}\" y=\"{F(y)}\" width=\"12\" height=\"12\" fill=\"{Colors[t % Colors.Length]}\"/><text x=\"{left + 18}\" y=\"{F(y + 6)}\" dominant-baseline=\"middle\">{WebUtility.HtmlEncode(types[t])}</text>\n");
        }

        return svg.Append("</svg>\n").ToString();
    }

    private static StringBuilder Open(int width, int height, string title)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"20\" font-size=\"14\" font-weight=\"bold\">{WebUtility.HtmlEncode(title)}</text>\n");
        return svg;
    }

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
