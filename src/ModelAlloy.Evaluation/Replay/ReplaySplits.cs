namespace ModelAlloy.Evaluation.Replay;

/// <summary>Train/test splits of recorded outcomes, reproducible from a seed.</summary>
public static class ReplaySplits
{
    /// <summary>
    /// In-distribution: a random half of each task type's rows trains, the other half tests (for an odd count the
    /// test half gets the extra row), so every task type is in both.
    /// </summary>
    /// <param name="outcomes">The outcomes.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The split.</returns>
    public static ReplaySplit InDistribution(IReadOnlyList<RecordedOutcome> outcomes, int seed)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var random = new Random(seed);
        var train = new List<RecordedOutcome>();
        var test = new List<RecordedOutcome>();
        foreach (var group in outcomes.GroupBy(o => o.TaskType, StringComparer.Ordinal))
        {
            RecordedOutcome[] rows = Shuffle(group.ToArray(), random);
            train.AddRange(rows.Take(rows.Length / 2));
            test.AddRange(rows.Skip(rows.Length / 2));
        }

        return new ReplaySplit(train, test);
    }

    /// <summary>
    /// Unseen task types: the task types are shuffled and a random half of them (rounded down) trains, the rest
    /// tests, so no task type is in both.
    /// </summary>
    /// <param name="outcomes">The outcomes (at least two task types).</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The split.</returns>
    public static ReplaySplit UnseenTaskTypes(IReadOnlyList<RecordedOutcome> outcomes, int seed)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        string[] types = Shuffle(TaskTypes(outcomes), new Random(seed));
        if (types.Length < 2)
        {
            throw new ArgumentException("an unseen-task-type split needs at least two task types", nameof(outcomes));
        }

        var trainTypes = types.Take(types.Length / 2).ToHashSet(StringComparer.Ordinal);
        return new ReplaySplit(
            outcomes.Where(o => trainTypes.Contains(o.TaskType)).ToList(),
            outcomes.Where(o => !trainTypes.Contains(o.TaskType)).ToList());
    }

    /// <summary>Assigns each row to one of <paramref name="folds"/> folds, stratified by task type (each type spread evenly).</summary>
    /// <param name="outcomes">The outcomes.</param>
    /// <param name="folds">The number of folds (at least 2).</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The fold of each row, same order.</returns>
    public static int[] StratifiedFolds(IReadOnlyList<RecordedOutcome> outcomes, int folds, int seed)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var random = new Random(seed);
        var fold = new int[outcomes.Count];
        foreach (var group in Enumerable.Range(0, outcomes.Count).GroupBy(i => outcomes[i].TaskType, StringComparer.Ordinal))
        {
            int[] rows = Shuffle(group.ToArray(), random);
            for (int k = 0; k < rows.Length; k++)
            {
                fold[rows[k]] = k % folds;
            }
        }

        return fold;
    }

    /// <summary>Assigns whole task types to folds, so a fold's rows share no task type with the other folds.</summary>
    /// <param name="outcomes">The outcomes (at least <paramref name="folds"/> task types).</param>
    /// <param name="folds">The number of folds (at least 2).</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The fold of each row, same order.</returns>
    public static int[] GroupedFolds(IReadOnlyList<RecordedOutcome> outcomes, int folds, int seed)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        string[] types = Shuffle(TaskTypes(outcomes), new Random(seed));
        if (types.Length < folds)
        {
            throw new ArgumentException($"{folds} task-type folds need at least {folds} task types, not {types.Length}", nameof(outcomes));
        }

        var foldOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int k = 0; k < types.Length; k++)
        {
            foldOf[types[k]] = k % folds;
        }

        return outcomes.Select(o => foldOf[o.TaskType]).ToArray();
    }

    private static string[] TaskTypes(IReadOnlyList<RecordedOutcome> outcomes) =>
        outcomes.Select(o => o.TaskType).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    private static T[] Shuffle<T>(T[] items, Random random)
    {
        random.Shuffle(items);
        return items;
    }
}
