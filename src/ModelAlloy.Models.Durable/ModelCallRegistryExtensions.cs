using ModelAlloy.Durable;

namespace ModelAlloy.Models.Durable;

/// <summary>Registers the model-call activities with the engine.</summary>
public static class ModelCallRegistryExtensions
{
    /// <summary>
    /// Adds the activities behind <see cref="ModelCallOrchestrationExtensions.CallModelAsync"/>. The gateway itself is
    /// registered with <c>services.AddModelGateway(configuration)</c>.
    /// </summary>
    /// <param name="registry">The registry.</param>
    /// <returns>The registry.</returns>
    public static DurableTaskRegistry AddModelGatewayActivities(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddActivity<ResolveModelPlanActivity>(ModelCallActivityNames.ResolvePlan)
            .AddActivity<ModelCallActivity>(ModelCallActivityNames.Attempt);
    }
}
