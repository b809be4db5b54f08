using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ModelAlloy.Models;

/// <summary>
/// Produces an example cost report anyone can run without keys or network: a week of simulated traffic through the
/// real gateway (policy, ledger, quality checks) on a catalog of simulated models, one pipeline of which classifies
/// with a premium model while another does the same work on a cheap one. Every record is marked simulated.
/// </summary>
public static class CostReportDemo
{
    private static readonly string[] Tickets =
    [
        "My invoice is wrong", "The app crashes on login", "How do I export my data?", "Cancel my subscription",
        "Great service, thanks!", "Password reset email never arrives", "Charged twice this month", "Feature request: dark mode",
    ];

    private const string LabelSchema = """{"type":"object","properties":{"label":{"type":"string"},"confidence":{"type":"number"}},"required":["label","confidence"]}""";

    /// <summary>Runs the simulated week and returns the report.</summary>
    /// <param name="catalogPath">A catalog of simulated models (see <c>models.demo.json</c>).</param>
    /// <param name="ledger">The ledger to write (in-memory, or a table for a look at the rows).</param>
    /// <param name="weekStart">The first UTC day of the simulated week.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The report text.</returns>
    public static async Task<string> RunAsync(string catalogPath, ICostLedger ledger, DateOnly weekStart, CancellationToken cancellationToken = default)
    {
        var clock = new DemoClock(weekStart.ToDateTime(new TimeOnly(8, 0), DateTimeKind.Utc));
        var catalog = new ModelCatalog(Options.Create(ModelCatalogConfiguration.Bind(ModelCatalogConfiguration.Build(catalogPath))));
        var redactor = new SecretRedactor();
        using var clients = new ChatClientRegistry(new NoSecrets(), redactor, clock);
        var executor = new ModelAttemptExecutor(
            catalog, clients, ledger, new InMemoryCooldownStore(catalog.Options.Cooldown), redactor, clock, NullLogger<ModelAttemptExecutor>.Instance);
        var gateway = new ModelGateway(executor, clock);
        for (int day = 0; day < 7; day++)
        {
            clock.Now = weekStart.ToDateTime(new TimeOnly(8, 0), DateTimeKind.Utc).AddDays(day);
            for (int i = 0; i < 12; i++)
            {
                string ticket = $"{Tickets[(day + i) % Tickets.Length]} (#{day}-{i})";
                await CallAsync(gateway, "support-triage", "classify", new() { Model = "sim-gpt-4o", Messages = Ask(ticket), JsonSchema = LabelSchema }, cancellationToken).ConfigureAwait(false);
                await CallAsync(gateway, "support-triage-v2", "classify", new() { Role = "classify", Messages = Ask(ticket), JsonSchema = LabelSchema }, cancellationToken).ConfigureAwait(false);
                clock.Now = clock.Now.AddMinutes(7);
            }

            await CallAsync(gateway, "research", "synthesize", new() { Role = "reason", Messages = [ModelMessage.User($"Summarise this week's ticket themes, day {day}")] }, cancellationToken).ConfigureAwait(false);
        }

        return await CostReport.BuildAsync(ledger, weekStart, weekStart.AddDays(6), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static IReadOnlyList<ModelMessage> Ask(string ticket) =>
        [ModelMessage.System("Classify the support ticket as billing, bug, how-to, account or praise."), ModelMessage.User(ticket)];

    private static async Task CallAsync(IModelGateway gateway, string pipeline, string taskType, ModelCallRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await gateway.CallAsync(request with { Pipeline = pipeline, TaskType = taskType, RunId = $"{pipeline}-{Guid.NewGuid():N}" }, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelCallFailedException)
        {
            // A failed call is part of the week: its attempts are in the ledger and show in the report.
        }
    }

    /// <summary>Simulated models need no keys; nothing is read from the environment.</summary>
    private sealed class NoSecrets : ISecretSource
    {
        public string? Get(string name) => null;
    }

    /// <summary>Moves the ledger's clock through the week; waits between retries still run on real (short) timers.</summary>
    private sealed class DemoClock(DateTime start) : TimeProvider
    {
        public DateTime Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => new(Now, TimeSpan.Zero);
    }
}
