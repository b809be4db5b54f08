using System.Globalization;
using System.Net;
using System.Text;

namespace ModelAlloy.Evaluation.Replay;

/// <summary>Draws the replay's quality-against-strong-share curves as a self-contained SVG, and an HTML page around it.</summary>
public static class CurvePlot
{
    private const int Width = 760, Height = 480, Left = 64, Right = 200, Top = 36, Bottom = 56;
    private static readonly string[] Colors = ["#7f7f7f", "#2ca02c", "#1f77b4", "#9467bd", "#d62728", "#ff7f0e", "#17becf", "#8c564b"];

    /// <summary>Returns the SVG.</summary>
    /// <param name="report">The report.</param>
    /// <returns>SVG markup.</returns>
    public static string Svg(ReplayReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var curves = report.Rows.Where(r => r.Curve.Count > 0).ToList();
        double lo = Math.Min(report.WeakQuality, curves.SelectMany(r => r.Curve).Select(p => p.Quality).DefaultIfEmpty(report.WeakQuality).Min());
        double hi = Math.Max(report.StrongQuality, curves.SelectMany(r => r.Curve).Select(p => p.Quality).DefaultIfEmpty(report.StrongQuality).Max());
        lo = Math.Floor(lo * 50) / 50;
        hi = Math.Ceiling(hi * 50) / 50;
        double plotW = Width - Left - Right, plotH = Height - Top - Bottom;
        string X(double share) => F(Left + (share * plotW));
        string Y(double quality) => F(Top + ((hi - quality) / (hi - lo) * plotH));

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"20\" font-size=\"14\" font-weight=\"bold\">Quality against strong-model calls ({report.Requests:N0} recorded requests)</text>\n");
        for (int i = 0; i <= 10; i++)
        {
            double s = i / 10.0;
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{X(s)}\" y1=\"{Top}\" x2=\"{X(s)}\" y2=\"{Height - Bottom}\" stroke=\"#eee\"/><text x=\"{X(s)}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">{i * 10}%</text>\n");
        }

        for (double q = lo; q <= hi + 1e-9; q += 0.02)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Y(q)}\" x2=\"{Width - Right}\" y2=\"{Y(q)}\" stroke=\"#eee\"/><text x=\"{Left - 6}\" y=\"{Y(q)}\" text-anchor=\"end\" dominant-baseline=\"middle\">{q * 100:F0}%</text>\n");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + (plotW / 2)}\" y=\"{Height - 14}\" text-anchor=\"middle\">strong-model calls</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"16\" y=\"{Top + (plotH / 2)}\" text-anchor=\"middle\" transform=\"rotate(-90 16 {F(Top + (plotH / 2))})\">quality (share correct)</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{F(plotW)}\" height=\"{F(plotH)}\" fill=\"none\" stroke=\"#333\"/>\n");
        int legend = 0;
        void Legend(string name, string color, string dash)
        {
            double y = Top + 8 + (legend++ * 20);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Width - Right + 12}\" y1=\"{F(y)}\" x2=\"{Width - Right + 36}\" y2=\"{F(y)}\" stroke=\"{color}\" stroke-width=\"2\" stroke-dasharray=\"{dash}\"/><text x=\"{Width - Right + 42}\" y=\"{F(y)}\" dominant-baseline=\"middle\">{WebUtility.HtmlEncode(name)}</text>\n");
        }

        foreach ((string name, double quality, string color) in new[] { ("weak alone", report.WeakQuality, "#555"), ("strong alone", report.StrongQuality, "#000") })
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Y(quality)}\" x2=\"{Width - Right}\" y2=\"{Y(quality)}\" stroke=\"{color}\" stroke-dasharray=\"6 4\"/>\n");
            Legend(name, color, "6 4");
        }

        for (int i = 0; i < curves.Count; i++)
        {
            string color = Colors[i % Colors.Length];
            string points = string.Join(" ", curves[i].Curve.Select(p => $"{X(p.StrongShare)},{Y(p.Quality)}"));
            svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{points}\"><title>{WebUtility.HtmlEncode(curves[i].Name)}</title></polyline>\n");
            Legend(curves[i].Name, color, "none");
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    /// <summary>Returns an HTML page with the table and the plot, needing nothing from the network.</summary>
    /// <param name="report">The report.</param>
    /// <returns>HTML.</returns>
    public static string Html(ReplayReport report) =>
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Routing replay</title>\n" +
        "<style>body{font-family:sans-serif;margin:24px}pre{font-size:12px;background:#f7f7f7;padding:12px}</style></head><body>\n" +
        "<h1>Routing replay on recorded outcomes</h1>\n" + Svg(report) +
        "<pre>" + WebUtility.HtmlEncode(ReplayTable.Format(report)) + "</pre>\n" +
        "<p>Curves are means over seeds at each strong share. Learned rows are measured on their test splits, whose weak and strong quality differ from the full data's, so every curve shows the gap it recovers on the full data's weak-to-strong scale (its area above the weak line is its APGR).</p>\n</body></html>\n";

    private static string F(double value) => value.ToString("F1", CultureInfo.InvariantCulture);
}
