using ModelAlloy.Pipelines.Definitions;

namespace ModelAlloy.Pipelines.Stages;

/// <summary>
/// Aggregates an ensemble's answers. Vote: labels normalized (trimmed, lower case, trailing punctuation dropped), the
/// most frequent wins (ties: the first seen) and agreement is its share. Agreement: mean pairwise word-set overlap
/// (Jaccard); the answer closest to all others wins.
/// </summary>
internal static class EnsembleAggregator
{
    public static (int Winner, double Agreement) Aggregate(EnsembleAggregation aggregation, IReadOnlyList<string> answers)
    {
        if (answers.Count == 1)
        {
            return (0, 1);
        }

        if (aggregation == EnsembleAggregation.Vote)
        {
            List<string> labels = answers.Select(Label).ToList();
            IGrouping<string, int> top = Enumerable.Range(0, labels.Count)
                .GroupBy(i => labels[i], StringComparer.Ordinal)
                .OrderByDescending(g => g.Count())
                .ThenBy(g => g.First())
                .First();
            return (top.First(), top.Count() / (double)answers.Count);
        }

        List<HashSet<string>> words = answers.Select(Words).ToList();
        double[] closeness = new double[answers.Count];
        double total = 0;
        int pairs = 0;
        for (int i = 0; i < answers.Count; i++)
        {
            for (int j = i + 1; j < answers.Count; j++)
            {
                double overlap = Jaccard(words[i], words[j]);
                closeness[i] += overlap;
                closeness[j] += overlap;
                total += overlap;
                pairs++;
            }
        }

        int winner = Enumerable.Range(0, answers.Count).OrderByDescending(i => closeness[i]).ThenBy(i => i).First();
        return (winner, total / pairs);
    }

    public static string Label(string answer) => answer.Trim().TrimEnd('.', '!', '?', ';', ',').Trim().Trim('"').ToLowerInvariant();

    private static HashSet<string> Words(string text) =>
        new(text.ToLowerInvariant().Split([' ', '\n', '\r', '\t', '.', ',', ';', ':', '!', '?', '"', '(', ')'], StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);

    private static double Jaccard(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 && b.Count == 0)
        {
            return 1;
        }

        int common = a.Count(b.Contains);
        return common / (double)(a.Count + b.Count - common);
    }
}
