using Microsoft.DurableTask;
using ModelAlloy.Functions.Orchestrations;
using ModelAlloy.Hosting.Samples;

namespace ModelAlloy.Functions.Tests.Fakes;

/// <summary>
/// The Functions app's orchestrator wrapper registered with the self-hosted worker under a name of its own, so a test
/// runs the wrapper itself (its input handling) on a real <see cref="TaskOrchestrationContext"/>; the activities it
/// calls are the library's, registered by <c>AddModelAlloyTasks</c> under the same names the Functions app uses.
/// </summary>
public static class FunctionWrappers
{
    public const string TicketTriageOrchestrator = "FunctionsWrapper_" + TicketTriage.Name;

    // Typed as Ticket so the SDK deserializes the input as one, which GetInput<Ticket> then returns (Durable Functions
    // deserializes on GetInput instead); the wrapper ignores the typed argument and reads its input itself.
    public static void Register(DurableTaskRegistry registry) =>
        registry.AddOrchestratorFunc<Ticket, TicketAnswer>(TicketTriageOrchestrator, (context, _) => TicketTriageFunctions.RunOrchestrator(context));
}
