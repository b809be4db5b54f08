using ModelAlloy.Pipelines.Research;

namespace ModelAlloy.Pipelines.Tests.Research;

/// <summary>Near-duplicate removal: word 3-shingles, Jaccard similarity, the first of a group kept in order.</summary>
public sealed class NearDuplicateFilterTests
{
    [Fact]
    public void Rewording_of_one_word_is_a_near_duplicate_and_the_first_is_kept()
    {
        string[] claims =
        [
            "Durable timers let an orchestration wait without using compute during the delay.",
            "A retry policy sets the maximum number of attempts.",
            "Durable timers let an orchestration wait without using any compute during the delay.",
        ];

        IReadOnlyList<string> kept = NearDuplicateFilter.Remove(claims, c => c, threshold: 0.5);

        Assert.Equal([claims[0], claims[1]], kept);
    }

    [Fact]
    public void Similarity_is_the_jaccard_of_the_word_shingles_ignoring_case_and_punctuation()
    {
        // "a b c d" → {a b c, b c d}; "A b, c e!" → {a b c, b c e}: one shared of three.
        Assert.Equal(1 / 3.0, NearDuplicateFilter.Similarity("a b c d", "A b, c e!"), 10);
        Assert.Equal(1.0, NearDuplicateFilter.Similarity("Timers are durable.", "timers ARE durable"), 10);
        Assert.Equal(0.0, NearDuplicateFilter.Similarity("timers are durable", "entities are serial"), 10);
    }

    [Fact]
    public void Texts_shorter_than_a_shingle_compare_by_their_words()
    {
        Assert.Equal(["limits", "rate"], NearDuplicateFilter.Shingles("Rate limits").Order(StringComparer.Ordinal));
        Assert.Equal(2 / 3.0, NearDuplicateFilter.Similarity("rate limits", "rate caps limits"), 10);
    }

    [Theory]
    [InlineData(1.0, 3)]
    [InlineData(0.6, 2)]
    [InlineData(0.0, 1)]
    public void Threshold_decides_how_similar_counts_as_duplicate(double threshold, int expected)
    {
        string[] claims = ["the task hub holds queues and tables", "the task hub holds queues and blobs", "entities process operations one at a time"];

        // Pairwise: claims 0 and 1 share 4 of 6 shingles (0.667); claim 2 shares none with either.
        Assert.Equal(expected, NearDuplicateFilter.Remove(claims, c => c, threshold).Count);
    }
}
