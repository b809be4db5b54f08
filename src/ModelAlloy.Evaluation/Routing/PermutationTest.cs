namespace ModelAlloy.Evaluation.Routing;

/// <summary>
/// Is a ranking's routing gain better than random? The area under a routing curve is, up to constants,
/// T = Σᵢ gainᵢ · (n − rankᵢ + ½) with rank 1 the first request escalated (ties share their average rank), so a
/// random ranking's T is the same sum over a random permutation of the ranks. The p-value is the share of random
/// permutations whose T reaches the observed one (with the usual +1 correction, so it is never 0).
/// </summary>
internal static class PermutationTest
{
    public static double PValue(IReadOnlyList<double> escalateScores, IReadOnlyList<int> gains, int permutations, Random random)
    {
        int n = gains.Count;
        double[] ranks = AverageRanksDescending(escalateScores);
        double observed = Statistic(gains, ranks, n);
        int atLeast = 0;
        double[] shuffled = (double[])ranks.Clone();
        for (int p = 0; p < permutations; p++)
        {
            random.Shuffle(shuffled);
            if (Statistic(gains, shuffled, n) >= observed - 1e-9)
            {
                atLeast++;
            }
        }

        return (1.0 + atLeast) / (1.0 + permutations);
    }

    private static double Statistic(IReadOnlyList<int> gains, double[] ranks, int n)
    {
        double t = 0;
        for (int i = 0; i < n; i++)
        {
            if (gains[i] != 0)
            {
                t += gains[i] * (n - ranks[i] + 0.5);
            }
        }

        return t;
    }

    private static double[] AverageRanksDescending(IReadOnlyList<double> scores)
    {
        int n = scores.Count;
        int[] order = Enumerable.Range(0, n).OrderByDescending(i => scores[i]).ToArray();
        var ranks = new double[n];
        for (int k = 0; k < n;)
        {
            int end = k;
            while (end + 1 < n && scores[order[end + 1]] == scores[order[k]])
            {
                end++;
            }

            double average = ((k + 1) + (end + 1)) / 2.0;
            for (int j = k; j <= end; j++)
            {
                ranks[order[j]] = average;
            }

            k = end + 1;
        }

        return ranks;
    }
}
