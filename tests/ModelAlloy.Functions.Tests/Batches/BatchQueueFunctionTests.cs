using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using DurableTask.Core.History;
using Microsoft.DurableTask.Client;
using ModelAlloy.Batches.Items;
using ModelAlloy.Batches.Queue;
using ModelAlloy.Batches.Results;
using ModelAlloy.Batches.Runs;
using ModelAlloy.Functions.Tests.Fakes;

namespace ModelAlloy.Functions.Tests.Batches;

/// <summary>The <c>alloy-batch</c> trigger invoked as a method with a real client, Azurite for the queues and the blobs.</summary>
public sealed class BatchQueueFunctionTests(BatchFunctionsFixture world) : IClassFixture<BatchFunctionsFixture>
{
    [Fact]
    public async Task Item_messages_start_one_run_each_however_often_they_arrive_and_the_summary_counts_them()
    {
        CancellationToken timeout = TestTimeout.Token(120);
        const string Batch = "fn-items";
        BatchItem[] items = [new("T-1", "my invoice is wrong"), new("T-2", "the app crashes"), new("T-3", "reset my password")];

        foreach (BatchItem item in items)
        {
            await InvokeAsync(Message($"m-{item.Id}", new BatchMessage { BatchId = Batch, Pipeline = BatchFunctionsFixture.Pipeline, Item = item }), timeout);
        }

        await InvokeAsync(Message("m-T-1", new BatchMessage { BatchId = Batch, Pipeline = BatchFunctionsFixture.Pipeline, Item = items[0] }, dequeueCount: 2), timeout); // redelivery
        await InvokeAsync(Message("m-T-1-again", new BatchMessage { BatchId = Batch, Pipeline = BatchFunctionsFixture.Pipeline, Item = items[0] }), timeout); // producer's retry

        foreach (BatchItem item in items)
        {
            string instance = BatchInstanceId.For(Batch, item.Id);
            OrchestrationMetadata done = await world.Client.WaitForInstanceCompletionAsync(instance, timeout);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
            Assert.Single(world.Host.Sidecar.GetRecordedHistory(instance).OfType<ExecutionStartedEvent>());
        }

        await InvokeAsync(Message("m-sum", new BatchMessage { BatchId = Batch, Pipeline = BatchFunctionsFixture.Pipeline, Summarize = true }), timeout);
        await InvokeAsync(Message("m-sum", new BatchMessage { BatchId = Batch, Pipeline = BatchFunctionsFixture.Pipeline, Summarize = true }, dequeueCount: 2), timeout);

        BatchItemResult[] results = await ResultsAsync(Batch, timeout);
        Assert.Equal(["T-1", "T-2", "T-3"], results.Select(r => r.Id));
        Assert.All(results, r => Assert.Equal(BatchItemStatus.Completed, r.Status));
        BatchSummary summary = (await SummaryAsync(Batch, timeout))!;
        Assert.Equal((3, 3, 0, 0), (summary.Total, summary.Done, summary.Failed, summary.Unfinished));
        Assert.Equal(results.Sum(r => r.CostUsd), summary.CostUsd);
        Assert.True(summary.CostUsd > 0);
    }

    [Fact]
    public async Task Blob_message_starts_every_line_and_a_redelivery_starts_nothing_more()
    {
        CancellationToken timeout = TestTimeout.Token(120);
        const string Batch = "fn-blob";
        BatchItem[] items = [.. Enumerable.Range(1, 20).Select(i => new BatchItem($"L-{i}", $"line {i}"))];
        string blob = await world.Store.UploadItemsAsync(Batch, items, timeout);
        var message = new BatchMessage { BatchId = Batch, Pipeline = BatchFunctionsFixture.Pipeline, Blob = blob };

        await InvokeAsync(Message("m-blob", message), timeout);
        await InvokeAsync(Message("m-blob", message, dequeueCount: 2), timeout);

        foreach (BatchItem item in items)
        {
            string instance = BatchInstanceId.For(Batch, item.Id);
            await world.Client.WaitForInstanceCompletionAsync(instance, timeout);
            Assert.Single(world.Host.Sidecar.GetRecordedHistory(instance).OfType<ExecutionStartedEvent>());
        }

        Assert.Equal(20, (await world.Store.ListRunsAsync(Batch, timeout)).Count);
    }

    [Fact]
    public async Task Summary_of_an_unfinished_batch_writes_what_is_known_and_asks_again_later()
    {
        CancellationToken timeout = TestTimeout.Token(120);
        const string Batch = "fn-unfinished";
        await world.Store.RecordRunAsync(Batch, new BatchRunRecord("never", BatchInstanceId.For(Batch, "never")), timeout); // recorded, never started
        QueueClient queue = world.Queues.GetQueueClient(BatchQueueNames.Queue);
        await queue.CreateIfNotExistsAsync(cancellationToken: timeout);
        var processor = new BatchQueueProcessor(world.Store, world.Queues, world.Pipelines, summaryDelay: TimeSpan.Zero);

        BatchMessageOutcome outcome = await processor.ProcessAsync(
            world.Client, "m-u", BatchSubmitter.Serialize(new BatchMessage { BatchId = Batch, Pipeline = BatchFunctionsFixture.Pipeline, Summarize = true }), timeout);

        Assert.Equal(1, outcome.Unfinished);
        Assert.Equal((1, 0, 1), (await SummaryAsync(Batch, timeout)) is { } s ? (s.Total, s.Done, s.Unfinished) : default);
        QueueMessage[] again = (await queue.ReceiveMessagesAsync(32, cancellationToken: timeout)).Value;
        Assert.Contains(again, m => BatchMessageReader.TryRead(m.Body.ToString(), out BatchMessage? read, out _) && read!.Summarize && read.BatchId == Batch);
    }

    [Theory]
    [InlineData("m-bad-json", "{not json", "the message is not JSON")]
    [InlineData("m-no-item", """{"batchId":"b","pipeline":"one-step"}""", "give exactly one of 'item', 'blob' or 'summarize'")]
    [InlineData("m-no-pipeline", """{"batchId":"fn-nope","pipeline":"nope","item":{"id":"a","input":"x"}}""", "pipeline 'nope' is not defined; known: one-step; fix the definition or the message's 'pipeline'")]
    [InlineData("m-no-blob", """{"batchId":"fn-missing","pipeline":"one-step","blob":"alloy-batches/fn-missing/none.jsonl"}""", "cannot be read (404 ")] // BlobNotFound, or ContainerNotFound when no batch blob was written yet
    public async Task Malformed_message_goes_to_the_poison_queue_with_the_reason_and_the_invocation_succeeds(string messageId, string body, string reason)
    {
        CancellationToken timeout = TestTimeout.Token(60);

        await world.Function.StartAsync(QueuesModelFactory.QueueMessage(messageId, "receipt", BinaryData.FromString(body), dequeueCount: 1), world.Client, new FakeFunctionContext(timeout));

        QueueClient poison = world.Queues.GetQueueClient(BatchQueueNames.Poison);
        JsonElement record = await FindPoisonAsync(poison, messageId, timeout);
        Assert.Contains(reason, record.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(body, record.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Blob_with_a_bad_line_is_poisoned_naming_the_line_and_starts_nothing()
    {
        CancellationToken timeout = TestTimeout.Token(60);
        const string Batch = "fn-badline";
        var blobs = new Azure.Storage.Blobs.BlobServiceClient(world.ConnectionString).GetBlobContainerClient(BatchQueueNames.Container);
        await blobs.CreateIfNotExistsAsync(cancellationToken: timeout);
        await blobs.GetBlobClient($"{Batch}/items.jsonl").UploadAsync(BinaryData.FromString("{\"id\":\"a\",\"input\":\"x\"}\n{\"id\":\"b\",\"inptu\":\"y\"}\n"), overwrite: true, timeout);
        string body = BatchSubmitter.Serialize(new BatchMessage { BatchId = Batch, Pipeline = BatchFunctionsFixture.Pipeline, Blob = $"{BatchQueueNames.Container}/{Batch}/items.jsonl" });

        await world.Function.StartAsync(QueuesModelFactory.QueueMessage("m-badline", "receipt", BinaryData.FromString(body), dequeueCount: 1), world.Client, new FakeFunctionContext(timeout));

        JsonElement record = await FindPoisonAsync(world.Queues.GetQueueClient(BatchQueueNames.Poison), "m-badline", timeout);
        Assert.Contains("items.jsonl line 2, field 'inptu': unknown field", record.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Null(await world.Client.GetInstanceAsync(BatchInstanceId.For(Batch, "a"), timeout));
    }

    private static QueueMessage Message(string messageId, BatchMessage message, long dequeueCount = 1) =>
        QueuesModelFactory.QueueMessage(messageId, "receipt", BinaryData.FromString(BatchSubmitter.Serialize(message)), dequeueCount: dequeueCount);

    private Task InvokeAsync(QueueMessage message, CancellationToken timeout) =>
        world.Function.StartAsync(message, world.Client, new FakeFunctionContext(timeout));

    private async Task<BatchItemResult[]> ResultsAsync(string batch, CancellationToken timeout) =>
        [.. (await world.Store.ReadTextAsync($"{batch}/results.jsonl", timeout))!.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonSerializer.Deserialize<BatchItemResult>(l, BatchJson.Options)!)];

    private async Task<BatchSummary?> SummaryAsync(string batch, CancellationToken timeout) =>
        JsonSerializer.Deserialize<BatchSummary>((await world.Store.ReadTextAsync($"{batch}/summary.json", timeout))!, BatchJson.Options);

    private static async Task<JsonElement> FindPoisonAsync(QueueClient poison, string messageId, CancellationToken timeout)
    {
        // Messages of other tests share the queue: peek them all (bounded) and pick this one's.
        PeekedMessage[] peeked = (await poison.PeekMessagesAsync(32, timeout)).Value;
        foreach (PeekedMessage message in peeked)
        {
            using JsonDocument record = JsonDocument.Parse(message.Body.ToString());
            if (record.RootElement.GetProperty("messageId").GetString() == messageId)
            {
                return record.RootElement.Clone();
            }
        }

        throw new Xunit.Sdk.XunitException($"no poison record for '{messageId}' among {peeked.Length} messages");
    }
}
