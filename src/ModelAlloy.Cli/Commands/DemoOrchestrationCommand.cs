using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using ModelAlloy.Hosting.Samples;
using ModelAlloy.Hosting.SelfHosted;

using System.CommandLine;

namespace ModelAlloy.Cli.Commands;

/// <summary><c>alloy demo orchestration</c>: runs the sample orchestration (a hand-written one, no pipeline definition) end to end on the self-hosted worker (embedded, in memory) and prints its result and history.</summary>
internal static class DemoOrchestrationCommand
{
    /// <summary>Creates <c>alloy demo orchestration</c>.</summary>
    public static Command Create()
    {
        var command = new Command("orchestration", "Run the hand-written sample orchestration end to end (self-hosted worker, in memory; retries, a durable timer) and print its result and history.");
        command.SetAction((parse, ct) => RunAsync(parse.InvocationConfiguration.Output, ct));
        return command;
    }


    public static async Task<int> RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var options = new SelfHostedOptions { Backend = DurableBackend.InMemory, RecordHistory = true };
        IConfiguration configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "Samples", "models.demo.json")).Build();
        await using SelfHostedDurableHost host = await SelfHostedDurableHost.StartAsync(options, configuration, cancellationToken: cancellationToken);
        var ticket = new Ticket("T-1001", "Our invoice shows a double charge and the refund page returns an error when we submit the form");
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync(
            TicketTriage.Name, ticket, new StartOrchestrationOptions { InstanceId = "demo-" + ticket.Id }, cancellationToken);
        output.WriteLine($"Started orchestration '{TicketTriage.Name}' as instance '{id}' (self-hosted Durable Task worker, in-memory backend, no model calls).");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        OrchestrationMetadata final = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        Print(output, final, host.Sidecar.GetRecordedHistory(id));
        return final.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? 0 : 1;
    }

    private static void Print(TextWriter output, OrchestrationMetadata state, IReadOnlyList<HistoryEvent> history)
    {
        output.WriteLine($"Status:  {state.RuntimeStatus} in {(state.LastUpdatedAt - state.CreatedAt).TotalMilliseconds:F0} ms");
        if (state.FailureDetails is { } failure)
        {
            output.WriteLine($"Failure: {failure.ErrorType}: {failure.ErrorMessage}");
        }

        output.WriteLine($"Output:  {Readable(state.SerializedOutput)}");
        output.WriteLine($"History: {history.Count} events in {history.Count(e => e is OrchestratorStartedEvent)} episodes");
        foreach (IGrouping<EventType, HistoryEvent> group in history.GroupBy(e => e.EventType))
        {
            output.WriteLine($"  {group.Key,-26} {group.Count(),4}");
        }

        output.WriteLine($"Retries: {history.Count(e => e is TaskFailedEvent)} failed attempt(s) retried after a durable timer");
    }

    /// <summary>The output JSON without the \u escapes the SDK's serializer writes for quotes and ellipses.</summary>
    private static string? Readable(string? json) => json is null ? null
        : System.Text.Json.JsonSerializer.Serialize(
            System.Text.Json.JsonDocument.Parse(json).RootElement,
            new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
