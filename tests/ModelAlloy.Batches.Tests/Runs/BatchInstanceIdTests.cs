using ModelAlloy.Batches.Runs;

namespace ModelAlloy.Batches.Tests.Runs;

public sealed class BatchInstanceIdTests
{
    [Fact]
    public void The_same_batch_and_item_always_name_the_same_instance()
    {
        Assert.Equal(BatchInstanceId.For("nightly-42", "T-0001"), BatchInstanceId.For("nightly-42", "T-0001"));
        Assert.StartsWith("batch-nightly-42-T-0001-", BatchInstanceId.For("nightly-42", "T-0001"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("b", "a.b", "b", "a_b")] // cleaning maps both to a_b
    [InlineData("a-b", "c", "a", "b-c")] // the separator is ambiguous
    [InlineData("b1", "T-1", "b2", "T-1")]
    [InlineData("b", "x", "B", "x")]
    public void Pairs_that_read_alike_still_name_different_instances(string batch1, string item1, string batch2, string item2) =>
        Assert.NotEqual(BatchInstanceId.For(batch1, item1), BatchInstanceId.For(batch2, item2));

    [Fact]
    public void Long_or_exotic_ids_give_a_short_id_of_safe_characters_under_the_batch_prefix()
    {
        string batch = new('b', 300), item = "ticket/ü#?\\ " + new string('x', 500);

        string id = BatchInstanceId.For(batch, item);

        Assert.True(id.Length <= 104, $"{id.Length} characters");
        Assert.All(id, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_', $"'{c}' in {id}"));
        Assert.StartsWith(BatchInstanceId.PrefixOf(batch), id, StringComparison.Ordinal);
        Assert.NotEqual(id, BatchInstanceId.For(batch, item + "y")); // differs past the kept characters
    }
}
