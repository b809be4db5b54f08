using ModelAlloy.Evaluation.Replay;

namespace ModelAlloy.Evaluation.Tests.Replay;

public sealed class ReplaySplitsTests
{
    private static readonly RecordedOutcome[] Rows = Enumerable.Range(0, 9)
        .SelectMany(t => Enumerable.Range(0, 10 + t).Select(i => new RecordedOutcome($"s{t}:{i}", $"s{t}", $"prompt {t} {i}", i % 2 == 0, i % 3 != 0)))
        .ToArray();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void The_unseen_subjects_split_never_puts_a_subject_on_both_sides(int seed)
    {
        ReplaySplit split = ReplaySplits.UnseenTaskTypes(Rows, seed);

        var trainTypes = split.Train.Select(o => o.TaskType).ToHashSet();
        var testTypes = split.Test.Select(o => o.TaskType).ToHashSet();
        Assert.Empty(trainTypes.Intersect(testTypes));
        Assert.Equal(4, trainTypes.Count);
        Assert.Equal(5, testTypes.Count);
        Assert.Equal(Rows.Select(o => o.Id).Order(), split.Train.Concat(split.Test).Select(o => o.Id).Order());
    }

    [Fact]
    public void Different_seeds_hold_out_different_subjects()
    {
        var heldOut = Enumerable.Range(0, 5)
            .Select(seed => string.Join(",", ReplaySplits.UnseenTaskTypes(Rows, seed).Test.Select(o => o.TaskType).Distinct().Order()))
            .ToHashSet();

        Assert.True(heldOut.Count > 1);
    }

    [Fact]
    public void Grouped_folds_keep_each_subject_in_one_fold()
    {
        int[] fold = ReplaySplits.GroupedFolds(Rows, 3, seed: 1);

        foreach (var group in Rows.Select((o, i) => (o.TaskType, Fold: fold[i])).GroupBy(x => x.TaskType))
        {
            Assert.Single(group.Select(x => x.Fold).Distinct());
        }

        Assert.Equal([0, 1, 2], fold.Distinct().Order());
    }

    [Fact]
    public void The_in_distribution_split_halves_every_subject()
    {
        ReplaySplit split = ReplaySplits.InDistribution(Rows, seed: 3);

        foreach (var group in Rows.GroupBy(o => o.TaskType))
        {
            int train = split.Train.Count(o => o.TaskType == group.Key);
            int test = split.Test.Count(o => o.TaskType == group.Key);
            Assert.Equal(group.Count() / 2, train);
            Assert.Equal(group.Count() - (group.Count() / 2), test);
        }

        Assert.Empty(split.Train.Select(o => o.Id).Intersect(split.Test.Select(o => o.Id)));
    }

    [Fact]
    public void Stratified_folds_spread_every_subject_over_every_fold()
    {
        int[] fold = ReplaySplits.StratifiedFolds(Rows, 3, seed: 2);

        foreach (var group in Rows.Select((o, i) => (o.TaskType, Fold: fold[i])).GroupBy(x => x.TaskType))
        {
            var counts = group.GroupBy(x => x.Fold).Select(g => g.Count()).ToArray();
            Assert.Equal(3, counts.Length);
            Assert.True(counts.Max() - counts.Min() <= 1);
        }
    }
}
