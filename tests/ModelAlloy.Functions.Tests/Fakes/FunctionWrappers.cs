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

    public static void Register(DurableTaskRegistry registry) =>
        registry.AddOrchestratorFunc<TicketAnswer>(TicketTriageOrchestrator, context => TicketTriageFunctions.RunOrchestrator(context));
}
