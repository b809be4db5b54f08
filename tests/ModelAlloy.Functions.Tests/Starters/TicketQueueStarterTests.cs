using Azure.Storage.Queues.Models;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using ModelAlloy.Functions.Starters;
using ModelAlloy.Functions.Tests.Fakes;
using ModelAlloy.Hosting.Samples;

namespace ModelAlloy.Functions.Tests.Starters;

/// <summary>The <c>alloy-tickets</c> trigger invoked as a method with a real client: one instance per ticket, however often it arrives.</summary>
[Collection(DurableCollection.Name)]
public sealed class TicketQueueStarterTests(DurableClientFixture durable)
{
    private readonly TicketQueueStarter _starter = new(NullLogger<TicketQueueStarter>.Instance);

    [Fact]
    public async Task Message_starts_the_triage_under_the_ticket_derived_id_and_it_completes()
    {
        CancellationToken timeout = TestTimeout.Token();

        string instanceId = await _starter.StartAsync(Message("m-1", """{"id": "T-queue-1", "text": "The app shows an error on login"}"""), durable.Client, new FakeFunctionContext(timeout));

        Assert.Equal("TicketTriage-T-queue-1", instanceId);
        OrchestrationMetadata done = await durable.Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("technical", done.ReadOutputAs<TicketAnswer>()!.Category);
    }

    [Fact]
    public async Task Redelivered_message_after_the_run_finished_starts_nothing()
    {
        CancellationToken timeout = TestTimeout.Token();
        QueueMessage first = Message("m-2", """{"id": "T-queue-2", "text": "Where is my refund?"}""");
        string instanceId = await _starter.StartAsync(first, durable.Client, new FakeFunctionContext(timeout));
        OrchestrationMetadata done = await durable.Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: false, timeout);

        string again = await _starter.StartAsync(Message("m-2", """{"id": "T-queue-2", "text": "Where is my refund?"}""", dequeueCount: 2), durable.Client, new FakeFunctionContext(timeout));

        Assert.Equal(instanceId, again);
        OrchestrationMetadata after = (await durable.Client.GetInstanceAsync(instanceId, timeout))!;
        Assert.Equal(OrchestrationRuntimeStatus.Completed, after.RuntimeStatus); // a re-run would be Pending or Running now
        Assert.Equal(done.CreatedAt, after.CreatedAt);
        Assert.Equal(1, durable.ExecutionsStarted(instanceId));
    }

    [Fact]
    public async Task Duplicate_messages_arriving_together_start_one_instance()
    {
        CancellationToken timeout = TestTimeout.Token();
        const string Body = """{"id": "T-queue-3", "text": "Please fix the error on the invoice page and refund the double charge"}""";

        // The same ticket as a redelivery (same message id) and as a producer's retry (a new message id), concurrently.
        string[] ids = await Task.WhenAll(
            _starter.StartAsync(Message("m-3", Body), durable.Client, new FakeFunctionContext(timeout)),
            _starter.StartAsync(Message("m-3", Body, dequeueCount: 2), durable.Client, new FakeFunctionContext(timeout)),
            _starter.StartAsync(Message("m-3-retry", Body), durable.Client, new FakeFunctionContext(timeout)));

        Assert.All(ids, id => Assert.Equal("TicketTriage-T-queue-3", id));
        OrchestrationMetadata done = await durable.Client.WaitForInstanceCompletionAsync(ids[0], getInputsAndOutputs: true, timeout);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(1, durable.ExecutionsStarted(ids[0]));
    }

    [Fact]
    public async Task Message_that_is_not_a_ticket_fails_the_invocation_naming_the_field_and_starts_nothing()
    {
        CancellationToken timeout = TestTimeout.Token();

        InvalidTicketMessageException refused = await Assert.ThrowsAsync<InvalidTicketMessageException>(
            () => _starter.StartAsync(Message("m-4", """{"id": "T-queue-4"}"""), durable.Client, new FakeFunctionContext(timeout)));

        Assert.Contains("message 'm-4' on queue 'alloy-tickets'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("text: is required", refused.Message, StringComparison.Ordinal);
        Assert.Null(await durable.Client.GetInstanceAsync("TicketTriage-T-queue-4", timeout));
    }

    private static QueueMessage Message(string messageId, string body, long dequeueCount = 1) =>
        QueuesModelFactory.QueueMessage(messageId, popReceipt: "receipt", body: BinaryData.FromString(body), dequeueCount: dequeueCount);
}
