using ModelAlloy.Hosting.Samples;
using ModelAlloy.Models.Durable;
using ModelAlloy.Pipelines.Orchestration;
using ModelAlloy.Pipelines.Research;

namespace ModelAlloy.Hosting;

/// <summary>
/// Every orchestrator and activity ModelAlloy runs, under one list of names. The self-hosted worker registers them
/// with <see cref="AddModelAlloyTasks"/>; the Functions app declares one thin <c>[Function]</c> per name, and a test
/// checks its published metadata against <see cref="Orchestrators"/> and <see cref="Activities"/>.
/// </summary>
public static class ModelAlloyTasks
{
    /// <summary>Gets the orchestrator names.</summary>
    public static IReadOnlyList<string> Orchestrators { get; } = [TicketTriage.Name, PipelineOrchestrator.Name];

    /// <summary>Gets the activity names.</summary>
    public static IReadOnlyList<string> Activities { get; } = [.. ModelCallActivityNames.All, .. TicketTriage.ActivityNames, .. PipelineOrchestrator.ActivityNames, .. ResearchActivities.Names];

    /// <summary>Adds every orchestrator and activity to a Durable Task SDK registry.</summary>
    /// <param name="registry">The registry.</param>
    /// <returns>The registry.</returns>
    public static DurableTaskRegistry AddModelAlloyTasks(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.AddModelGatewayActivities();
        TicketTriage.Register(registry);
        PipelineOrchestrator.Register(registry);
        ResearchActivities.Register(registry);
        return registry;
    }
}
