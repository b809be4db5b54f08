using System.Text.RegularExpressions;

namespace ModelAlloy.Pipelines.Research;

/// <summary>
/// Deterministic near-duplicate removal: two texts are near-duplicates when the Jaccard similarity of their word
/// shingles (lower-cased word n-grams; their words when either text is shorter than n) reaches a threshold. The
/// first of a group is kept, in input order.
/// </summary>
internal static partial class NearDuplicateFilter
{
    public const int ShingleSize = 3;

    public static IReadOnlyList<T> Remove<T>(IReadOnlyList<T> items, Func<T, string> text, double threshold)
    {
        var kept = new List<T>(items.Count);
        var keptPrints = new List<Fingerprint>(items.Count);
        foreach (T item in items)
        {
            Fingerprint print = Fingerprint.Of(text(item));
            if (keptPrints.Any(k => k.Similarity(print) >= threshold))
            {
                continue;
            }

            kept.Add(item);
            keptPrints.Add(print);
        }

        return kept;
    }

    public static double Similarity(string a, string b) => Fingerprint.Of(a).Similarity(Fingerprint.Of(b));

    public static HashSet<string> Shingles(string text) => Fingerprint.Of(text).Shingles;

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
    private static partial Regex WordPattern();

    // A text's words and shingles; a pair in which either text is shorter than a shingle compares words.
    private sealed record Fingerprint(HashSet<string> Words, HashSet<string> Shingles, bool Short)
    {
        public static Fingerprint Of(string text)
        {
            string[] words = WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToArray();
            var wordSet = new HashSet<string>(words, StringComparer.Ordinal);
            if (words.Length < ShingleSize)
            {
                return new Fingerprint(wordSet, wordSet, Short: true);
            }

            var shingles = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i + ShingleSize <= words.Length; i++)
            {
                shingles.Add(string.Join(' ', words, i, ShingleSize));
            }

            return new Fingerprint(wordSet, shingles, Short: false);
        }

        public double Similarity(Fingerprint other) => Short || other.Short ? Jaccard(Words, other.Words) : Jaccard(Shingles, other.Shingles);
    }
}
