using ModelAlloy.Durable;

namespace ModelAlloy.Cli.Samples;

/// <summary>
/// The demo orchestration: the shape of a model alloy without model calls (the gateway adds those). A cheap
/// triage step classifies a ticket, specialists run in parallel, a retried flaky step shows durable retries,
/// and a final step composes the answer. Every step is an activity, so every step is checkpointed.
/// </summary>
internal static class TicketTriageSample
{
    public const string Name = "TicketTriage";

    public sealed record Ticket(string Id, string Text);

    public sealed record Triage(string Category, int Complexity);

    public sealed record Answer(string TicketId, string Category, int Complexity, IReadOnlyList<string> Findings, string Reply);

    public static void Register(DurableTaskRegistry registry) => registry
        .AddActivity<Ticket, Triage>("Triage", ticket => Classify(ticket.Text))
        .AddActivity<SpecialistRequest, string>("Specialist", request => $"{request.Specialist}: reviewed '{request.Ticket.Text[..Math.Min(24, request.Ticket.Text.Length)]}…'")
        .AddActivity<string, string>("FlakyLookup", (context, ticketId) => Task.FromResult(FlakyLookup(context.InstanceId, ticketId)))
        .AddActivity<Answer, string>("ComposeReply", answer => $"[{answer.Category}] {answer.Findings.Count} findings for ticket {answer.TicketId}")
        .AddOrchestrator<Ticket, Answer>(Name, RunAsync);

    private static async Task<Answer> RunAsync(TaskOrchestrationContext context, Ticket ticket)
    {
        var triage = await context.CallActivityAsync<Triage>("Triage", ticket);
        context.SetCustomStatus(new { stage = "specialists", triage.Category });

        var specialists = triage.Complexity >= 2 ? new[] { "billing", "technical", "tone" } : ["tone"];
        var findings = await Task.WhenAll(specialists.Select(s => context.CallActivityAsync<string>("Specialist", new SpecialistRequest(s, ticket))));

        var retry = new TaskOptions(new RetryPolicy(maxNumberOfAttempts: 3, firstRetryInterval: TimeSpan.FromMilliseconds(50), backoffCoefficient: 2));
        var lookup = await context.CallActivityAsync<string>("FlakyLookup", ticket.Id, retry);

        var answer = new Answer(ticket.Id, triage.Category, triage.Complexity, [.. findings, lookup], "");
        var reply = await context.CallActivityAsync<string>("ComposeReply", answer);
        context.SetCustomStatus(new { stage = "done" });
        return answer with { Reply = reply };
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> LookupCalls = new();

    /// <summary>Fails its first call per orchestration (as a rate-limited API would) so every demo run shows a durable retry.</summary>
    private static string FlakyLookup(string instanceId, string ticketId)
    {
        if (LookupCalls.AddOrUpdate(instanceId, 1, (_, n) => n + 1) == 1)
        {
            throw new ActivityFailureException("Lookup service answered 429 Too Many Requests.", retryAfter: TimeSpan.FromMilliseconds(100));
        }

        return $"lookup: customer record for {ticketId} found after a retry";
    }

    private static Triage Classify(string text)
    {
        var lower = text.ToLowerInvariant();
        var category = lower.Contains("invoice") || lower.Contains("refund") ? "billing" : lower.Contains("error") ? "technical" : "general";
        var complexity = Math.Clamp(text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length / 8, 1, 5);
        return new Triage(category, complexity);
    }

    public sealed record SpecialistRequest(string Specialist, Ticket Ticket);
}
