namespace ModelAlloy.Evaluation.Routing;

/// <summary>
/// Is a ranking's routing gain better than random? The area under a routing curve is, up to constants,
/// T = Σᵢ gainᵢ · (n − rankᵢ + ½) with rank 1 the first request escalated (ties share their average rank), so a
/// random ranking's T is the same sum over a random permutation of the ranks. The p-value is the share of random
/// permutations whose T reaches the observed one (with the usual +1 correction, so it is never 0). With strata
/// (e.g. cross-validation folds, whose models each have their own calibration) ranks are taken and permuted within
/// each stratum and T is summed over strata, so only rankings inside one model's predictions count.
/// </summary>
internal static class PermutationTest
{
    public static double PValue(IReadOnlyList<double> escalateScores, IReadOnlyList<int> gains, int permutations, Random random, IReadOnlyList<int>? strata = null)
    {
        var groups = Enumerable.Range(0, gains.Count).GroupBy(i => strata?[i] ?? 0)
            .Select(g =>
            {
                int[] rows = g.ToArray();
                return (Gains: rows.Select(i => gains[i]).ToArray(), Ranks: AverageRanksDescending(rows.Select(i => escalateScores[i]).ToArray()));
            })
            .ToArray();
        double observed = groups.Sum(g => Statistic(g.Gains, g.Ranks));
        int atLeast = 0;
        double[][] shuffled = groups.Select(g => (double[])g.Ranks.Clone()).ToArray();
        for (int p = 0; p < permutations; p++)
        {
            double t = 0;
            for (int k = 0; k < groups.Length; k++)
            {
                random.Shuffle(shuffled[k]);
                t += Statistic(groups[k].Gains, shuffled[k]);
            }

            if (t >= observed - 1e-9)
            {
                atLeast++;
            }
        }

        return (1.0 + atLeast) / (1.0 + permutations);
    }

    private static double Statistic(int[] gains, double[] ranks)
    {
        int n = gains.Length;
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
