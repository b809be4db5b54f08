using ModelAlloy.Hosting.Samples;

namespace ModelAlloy.Functions.Orchestrations;

/// <summary>
/// The ticket-triage sample as Durable Functions: the orchestrator and its activities, each a one-line wrapper over
/// <see cref="TicketTriage"/> under the name the self-hosted worker registers it by.
/// </summary>
public static class TicketTriageFunctions
{
    /// <summary>The orchestrator.</summary>
    /// <param name="context">The orchestration context; its input is the <see cref="Ticket"/>.</param>
    /// <returns>The answer.</returns>
    /// <exception cref="InvalidOperationException">When the instance was started without a ticket.</exception>
    [Function(TicketTriage.Name)]
    public static Task<TicketAnswer> RunOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Ticket ticket = context.GetInput<Ticket>()
            ?? throw new InvalidOperationException($"instance '{context.InstanceId}' of {TicketTriage.Name} was started without a ticket; start it with {{\"id\": ..., \"text\": ...}}");
        return TicketTriage.RunAsync(context, ticket);
    }

    /// <summary>Classifies the ticket.</summary>
    /// <param name="ticket">The ticket.</param>
    /// <returns>The category and complexity.</returns>
    [Function(TicketTriage.TriageActivity)]
    public static TicketClassification Classify([ActivityTrigger] Ticket ticket) => TicketTriage.Classify(ticket);

    /// <summary>One specialist's finding.</summary>
    /// <param name="request">The specialist and the ticket.</param>
    /// <returns>The finding.</returns>
    [Function(TicketTriage.SpecialistActivity)]
    public static string Specialist([ActivityTrigger] SpecialistRequest request) => TicketTriage.Specialist(request);

    /// <summary>The lookup (fails its first call per run, to show a durable retry).</summary>
    /// <param name="request">The run and the ticket.</param>
    /// <returns>The lookup's result.</returns>
    [Function(TicketTriage.LookupActivity)]
    public static string Lookup([ActivityTrigger] LookupRequest request) => TicketTriage.Lookup(request);

    /// <summary>Composes the reply.</summary>
    /// <param name="answer">The answer so far.</param>
    /// <returns>The reply.</returns>
    [Function(TicketTriage.ComposeActivity)]
    public static string Compose([ActivityTrigger] TicketAnswer answer) => TicketTriage.Compose(answer);
}
