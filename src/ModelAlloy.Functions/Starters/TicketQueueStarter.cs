using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using ModelAlloy.Batches.Runs;
using ModelAlloy.Hosting.Samples;

namespace ModelAlloy.Functions.Starters;

/// <summary>
/// Starts a ticket triage for each message on <c>alloy-tickets</c> (a ticket as JSON, base64-encoded as the Functions
/// queue trigger expects). The instance id comes from the ticket id (<see cref="TicketInstanceId"/>), so a redelivered
/// or duplicated message finds its instance and starts nothing twice. A message that is not a valid ticket fails the
/// invocation with the field named; after <c>maxDequeueCount</c> tries the host moves it to <c>alloy-tickets-poison</c>.
/// </summary>
/// <param name="logger">The logger.</param>
public sealed class TicketQueueStarter(ILogger<TicketQueueStarter> logger)
{
    /// <summary>The function's name.</summary>
    public const string Name = "TicketTriage_QueueStart";

    /// <summary>The queue, in the storage account of <c>AzureWebJobsStorage</c>.</summary>
    public const string QueueName = "alloy-tickets";

    /// <summary>Starts the message's ticket triage unless its instance already exists.</summary>
    /// <param name="message">The message.</param>
    /// <param name="client">The Durable Task client.</param>
    /// <param name="context">The invocation.</param>
    /// <returns>The instance id.</returns>
    /// <exception cref="InvalidTicketMessageException">When the message is not a valid ticket.</exception>
    [Function(Name)]
    public async Task<string> StartAsync(
        [QueueTrigger(QueueName)] QueueMessage message,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(context);
        TicketReadResult read = TicketReader.Read(message.Body?.ToMemory() ?? ReadOnlyMemory<byte>.Empty);
        if (read.Ticket is not { } ticket)
        {
            Logs.TicketRejected(logger, Name, read.Summary);
            throw new InvalidTicketMessageException(QueueName, message.MessageId, read.Summary);
        }

        InstanceStart start = await InstanceStarter.StartOnceAsync(
            client, TicketTriage.Name, ticket, TicketInstanceId.For(ticket), context.CancellationToken).ConfigureAwait(false);
        if (start.Started)
        {
            Logs.TriageScheduled(logger, start.InstanceId, ticket.Id, Name);
        }
        else
        {
            Logs.DuplicateTicketMessage(logger, message.MessageId, message.DequeueCount, start.InstanceId, start.ExistingStatus?.ToString() ?? "unknown");
        }

        return start.InstanceId;
    }
}
