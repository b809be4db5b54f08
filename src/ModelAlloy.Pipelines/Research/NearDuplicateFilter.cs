using System.Text.RegularExpressions;

namespace ModelAlloy.Pipelines.Research;

/// <summary>
/// Deterministic near-duplicate removal: two texts are near-duplicates when the Jaccard similarity of their word
/// shingles (lower-cased word n-grams; the words themselves for texts shorter than n) reaches a threshold. The
/// first of a group is kept, in input order.
/// </summary>
internal static partial class NearDuplicateFilter
{
    public const int ShingleSize = 3;

    public static IReadOnlyList<T> Remove<T>(IReadOnlyList<T> items, Func<T, string> text, double threshold)
    {
        var kept = new List<T>(items.Count);
        var keptShingles = new List<HashSet<string>>(items.Count);
        foreach (T item in items)
        {
            HashSet<string> shingles = Shingles(text(item));
            if (keptShingles.Any(k => Jaccard(k, shingles) >= threshold))
            {
                continue;
            }

            kept.Add(item);
            keptShingles.Add(shingles);
        }

        return kept;
    }

    public static double Similarity(string a, string b) => Jaccard(Shingles(a), Shingles(b));

    public static HashSet<string> Shingles(string text)
    {
        string[] words = Words().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToArray();
        if (words.Length < ShingleSize)
        {
            return new HashSet<string>(words, StringComparer.Ordinal);
        }

        var shingles = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i + ShingleSize <= words.Length; i++)
        {
            shingles.Add(string.Join(' ', words, i, ShingleSize));
        }

        return shingles;
    }

    private static double Jaccard(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 && b.Count == 0)
        {
            return 1;
        }

        int common = a.Count(b.Contains);
        return common / (double)(a.Count + b.Count - common);
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+", RegexOptions.CultureInvariant)]
    private static partial Regex Words();
}
