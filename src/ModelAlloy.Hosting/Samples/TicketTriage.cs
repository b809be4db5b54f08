namespace ModelAlloy.Hosting.Samples;

/// <summary>
/// The sample orchestration: the shape of a model alloy without model calls (the pipelines add those). A cheap
/// triage step classifies a ticket, specialists run in parallel, a flaky lookup shows a durable retry, and a final
/// step composes the answer. Every step is an activity, so every step is checkpointed. Hosts register it by name:
/// <see cref="Register"/> for the self-hosted worker, <c>[Function]</c> wrappers over these methods in the Functions app.
/// </summary>
public static class TicketTriage
{
    /// <summary>The orchestrator's name.</summary>
    public const string Name = "TicketTriage";

    /// <summary>The classification activity.</summary>
    public const string TriageActivity = "TicketTriage_Classify";

    /// <summary>The specialist activity.</summary>
    public const string SpecialistActivity = "TicketTriage_Specialist";

    /// <summary>The flaky lookup activity.</summary>
    public const string LookupActivity = "TicketTriage_Lookup";

    /// <summary>The composing activity.</summary>
    public const string ComposeActivity = "TicketTriage_Compose";

    private static readonly TaskOptions LookupRetry = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 3, firstRetryInterval: TimeSpan.FromMilliseconds(100), backoffCoefficient: 2));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> LookupCalls = new();

    /// <summary>Gets the activity names.</summary>
    public static IReadOnlyList<string> ActivityNames { get; } = [TriageActivity, SpecialistActivity, LookupActivity, ComposeActivity];

    /// <summary>Registers the orchestrator and its activities with a Durable Task SDK registry.</summary>
    /// <param name="registry">The registry.</param>
    public static void Register(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry
            .AddOrchestratorFunc<Ticket, TicketAnswer>(Name, RunAsync)
            .AddActivityFunc<Ticket, TicketClassification>(TriageActivity, (_, ticket) => Classify(ticket))
            .AddActivityFunc<SpecialistRequest, string>(SpecialistActivity, (_, request) => Specialist(request))
            .AddActivityFunc<LookupRequest, string>(LookupActivity, (_, request) => Lookup(request))
            .AddActivityFunc<TicketAnswer, string>(ComposeActivity, (_, answer) => Compose(answer));
    }

    /// <summary>The orchestrator.</summary>
    /// <param name="context">The orchestration context.</param>
    /// <param name="ticket">The ticket.</param>
    /// <returns>The answer.</returns>
    public static async Task<TicketAnswer> RunAsync(TaskOrchestrationContext context, Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(ticket);
        TicketClassification triage = await context.CallActivityAsync<TicketClassification>(TriageActivity, ticket);
        context.SetCustomStatus(new { stage = "specialists", triage.Category });

        string[] specialists = triage.Complexity >= 2 ? ["billing", "technical", "tone"] : ["tone"];
        string[] findings = await Task.WhenAll(specialists.Select(s => context.CallActivityAsync<string>(SpecialistActivity, new SpecialistRequest(s, ticket))));
        string lookup = await context.CallActivityAsync<string>(LookupActivity, new LookupRequest(context.InstanceId, ticket.Id), LookupRetry);

        var answer = new TicketAnswer(ticket.Id, triage.Category, triage.Complexity, [.. findings, lookup], string.Empty);
        string reply = await context.CallActivityAsync<string>(ComposeActivity, answer);
        context.SetCustomStatus(new { stage = "done" });
        return answer with { Reply = reply };
    }

    /// <summary>Classifies a ticket by keywords and length.</summary>
    /// <param name="ticket">The ticket.</param>
    /// <returns>The category and complexity.</returns>
    public static TicketClassification Classify(Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        string lower = ticket.Text.ToLowerInvariant();
        string category = lower.Contains("invoice", StringComparison.Ordinal) || lower.Contains("refund", StringComparison.Ordinal) ? "billing"
            : lower.Contains("error", StringComparison.Ordinal) ? "technical" : "general";
        int complexity = Math.Clamp(ticket.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length / 8, 1, 5);
        return new TicketClassification(category, complexity);
    }

    /// <summary>One specialist's finding.</summary>
    /// <param name="request">The specialist and the ticket.</param>
    /// <returns>The finding.</returns>
    public static string Specialist(SpecialistRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return $"{request.Specialist}: reviewed '{request.Ticket.Text[..Math.Min(24, request.Ticket.Text.Length)]}…'";
    }

    /// <summary>A lookup that fails its first call per orchestration (as a rate-limited API would), so every run shows a durable retry.</summary>
    /// <param name="request">The run and the ticket.</param>
    /// <returns>The lookup's result.</returns>
    /// <exception cref="InvalidOperationException">On the run's first call.</exception>
    public static string Lookup(LookupRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (LookupCalls.AddOrUpdate(request.RunId, 1, (_, n) => n + 1) == 1)
        {
            throw new InvalidOperationException("Lookup service answered 429 Too Many Requests.");
        }

        return $"lookup: customer record for {request.TicketId} found after a retry";
    }

    /// <summary>Composes the reply.</summary>
    /// <param name="answer">The answer so far.</param>
    /// <returns>The reply.</returns>
    public static string Compose(TicketAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return $"[{answer.Category}] {answer.Findings.Count} findings for ticket {answer.TicketId}";
    }
}
