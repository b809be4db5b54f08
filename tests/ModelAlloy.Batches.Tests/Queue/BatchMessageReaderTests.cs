using ModelAlloy.Batches.Items;
using ModelAlloy.Batches.Queue;

namespace ModelAlloy.Batches.Tests.Queue;

public sealed class BatchMessageReaderTests
{
    [Fact]
    public void The_three_shapes_read_and_round_trip_through_the_submitter()
    {
        BatchMessage[] messages =
        [
            new() { BatchId = "b", Pipeline = "p", Item = new BatchItem("T-1", "hello") },
            new() { BatchId = "b", Pipeline = "p", Blob = "alloy-batches/b/items.jsonl" },
            new() { BatchId = "b", Pipeline = "p", Summarize = true },
        ];

        foreach (BatchMessage message in messages)
        {
            Assert.True(BatchMessageReader.TryRead(BatchSubmitter.Serialize(message), out BatchMessage? read, out string? reason), reason);
            Assert.Equal(message, read);
        }
    }

    [Fact]
    public void Object_inputs_and_numeric_ids_are_read_like_dataset_lines()
    {
        Assert.True(BatchMessageReader.TryRead("""{"batchId":"b","pipeline":"p","item":{"id":7,"input":{"customer":{"tier":"enterprise"}}}}""", out BatchMessage? read, out _));
        Assert.Equal(new BatchItem("7", """{"customer":{"tier":"enterprise"}}"""), read!.Item);
    }

    [Theory]
    [InlineData("", "the message is empty")]
    [InlineData("not json", "the message is not JSON")]
    [InlineData("[1]", "not a JSON object")]
    [InlineData("""{"pipeline":"p","item":{"id":"1","input":"x"}}""", "'batchId' is missing")]
    [InlineData("""{"batchId":"b","item":{"id":"1","input":"x"}}""", "'pipeline' is missing")]
    [InlineData("""{"batchId":"b","pipeline":"p"}""", "exactly one of 'item', 'blob' or 'summarize'")]
    [InlineData("""{"batchId":"b","pipeline":"p","item":{"id":"1","input":"x"},"blob":"c/x.jsonl"}""", "exactly one of")]
    [InlineData("""{"batchId":"b","pipeline":"p","item":{"input":"x"}}""", "'item.id' is missing")]
    [InlineData("""{"batchId":"b","pipeline":"p","item":{"id":"1","input":""}}""", "'item.input' is missing or empty")]
    [InlineData("""{"batchId":"b","pipeline":"p","item":"x"}""", "'item' must be an object")]
    [InlineData("""{"batchId":"b","pipeline":"p","blob":"no-container"}""", "'blob' must be \"container/path.jsonl\"")]
    public void Malformed_messages_are_refused_with_the_reason(string text, string reason)
    {
        Assert.False(BatchMessageReader.TryRead(text, out BatchMessage? message, out string? why));
        Assert.Null(message);
        Assert.Contains(reason, why, StringComparison.Ordinal);
    }
}
