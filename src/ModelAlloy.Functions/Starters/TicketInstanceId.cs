using ModelAlloy.Hosting.Samples;

namespace ModelAlloy.Functions.Starters;

/// <summary>
/// The instance id of a queued ticket's triage: derived from the ticket id alone, so a redelivered message, or the
/// same ticket enqueued twice, names the same instance and starts nothing the second time. The ticket id is the
/// business key a producer retries with; the message id would not catch a producer's retry, a hash of the body
/// would treat a re-sent ticket with edited text as new work.
/// </summary>
internal static class TicketInstanceId
{
    /// <summary>The prefix that keeps these ids apart from other orchestrations' instances on the task hub.</summary>
    public const string Prefix = TicketTriage.Name + "-";

    /// <summary>Returns <c>TicketTriage-{ticket id}</c>.</summary>
    /// <param name="ticket">A ticket whose id passed <see cref="TicketReader.IsValidId"/>.</param>
    /// <returns>The instance id: letters, digits, '-' and '_' only, valid on every Durable Task backend.</returns>
    /// <exception cref="ArgumentException">When the ticket id is not valid.</exception>
    public static string For(Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        if (!TicketReader.IsValidId(ticket.Id))
        {
            throw new ArgumentException($"ticket id '{ticket.Id}' is not 1–{TicketReader.MaxIdLength} letters, digits, '-' or '_'", nameof(ticket));
        }

        return Prefix + ticket.Id;
    }
}
