using ModelAlloy.Pipelines.Definitions;
using ModelAlloy.Pipelines.Stages;

namespace ModelAlloy.Pipelines.Tests.Stages;

/// <summary>Aggregation of ensemble answers: votes on normalized labels, agreement on word overlap.</summary>
public sealed class EnsembleAggregatorTests
{
    [Fact]
    public void Vote_normalizes_labels_and_ties_go_to_the_first_seen()
    {
        Assert.Equal((0, 0.5), EnsembleAggregator.Aggregate(EnsembleAggregation.Vote, ["Deny.", "approve", " deny", "APPROVE!"]));
        Assert.Equal((1, 0.75), EnsembleAggregator.Aggregate(EnsembleAggregation.Vote, ["investigate", "approve", "Approve", "approve."]));
    }

    [Fact]
    public void Agreement_is_the_mean_pairwise_word_overlap_and_the_most_central_answer_wins()
    {
        (int winner, double agreement) = EnsembleAggregator.Aggregate(
            EnsembleAggregation.Agreement, ["the refund is due", "the refund is due today", "reboot the router"]);

        Assert.Equal(0, winner);
        // Jaccard: (0,1) 4/5, (0,2) 1/6, (1,2) 1/7.
        Assert.Equal((0.8 + 1 / 6.0 + 1 / 7.0) / 3, agreement, 9);
    }

    [Fact]
    public void Identical_answers_agree_fully()
    {
        Assert.Equal((0, 1.0), EnsembleAggregator.Aggregate(EnsembleAggregation.Agreement, ["same words", "Same words."]));
    }
}
