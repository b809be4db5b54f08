using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ModelAlloy.Pipelines.Research;

/// <summary>
/// Maps the <c>[n]</c> citations of a synthesis (also <c>[1, 3]</c> and <c>[2][4]</c>) to the sources the stage found:
/// which were cited, and which numbers name no source.
/// </summary>
internal static partial class CitationMap
{
    public static (IReadOnlyList<ResearchSource> Sources, IReadOnlyList<int> Unknown) Map(string answer, IReadOnlyList<ResearchSource> sources)
    {
        var cited = new HashSet<int>();
        var unknown = new SortedSet<int>();
        foreach (Match match in Citation().Matches(answer))
        {
            foreach (string part in match.Groups["numbers"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                int number = int.Parse(part, CultureInfo.InvariantCulture);
                if (number >= 1 && number <= sources.Count)
                {
                    cited.Add(number);
                }
                else
                {
                    unknown.Add(number);
                }
            }
        }

        return (sources.Select(s => s with { Cited = cited.Contains(s.Number) }).ToList(), unknown.ToList());
    }

    /// <summary>The answer followed by the list of the sources it cited.</summary>
    public static string AppendSources(string answer, IReadOnlyList<ResearchSource> sources)
    {
        var text = new StringBuilder(answer.TrimEnd()).Append("\n\nSources:");
        List<ResearchSource> cited = sources.Where(s => s.Cited).ToList();
        if (cited.Count == 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" none cited (the answer cites none of the {sources.Count} sources found)");
        }

        foreach (ResearchSource source in cited)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n[{source.Number}] {source.Title}").Append(source.Url is { Length: > 0 } url ? $" ({url})" : string.Empty);
        }

        return text.ToString();
    }

    [GeneratedRegex(@"\[(?<numbers>\d{1,3}(?:\s*,\s*\d{1,3})*)\]", RegexOptions.CultureInvariant)]
    private static partial Regex Citation();
}
