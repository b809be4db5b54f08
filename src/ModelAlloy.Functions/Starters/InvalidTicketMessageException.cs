namespace ModelAlloy.Functions.Starters;

/// <summary>A queue message that is not a valid ticket; the message names the queue, the message and the wrong fields.</summary>
/// <param name="queue">The queue.</param>
/// <param name="messageId">The message id.</param>
/// <param name="reasons">The wrong fields and why.</param>
public sealed class InvalidTicketMessageException(string queue, string messageId, string reasons)
    : Exception($"message '{messageId}' on queue '{queue}' is not a ticket: {reasons}; send {{\"id\": \"T-1042\", \"text\": \"...\"}}")
{
}
