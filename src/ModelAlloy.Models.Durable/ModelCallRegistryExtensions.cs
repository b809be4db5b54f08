namespace ModelAlloy.Models.Durable;

/// <summary>Registers the model-call activities with a Durable Task SDK worker.</summary>
public static class ModelCallRegistryExtensions
{
    /// <summary>
    /// Adds the activities behind <see cref="ModelCallOrchestrationExtensions.CallModelAsync"/> under
    /// <see cref="ModelCallActivityNames"/>. The gateway itself is registered with <c>services.AddModelGateway(configuration)</c>.
    /// </summary>
    /// <param name="registry">The registry.</param>
    /// <returns>The registry.</returns>
    public static DurableTaskRegistry AddModelGatewayActivities(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddActivity<OpenModelCallActivity>(ModelCallActivityNames.Open)
            .AddActivity<ModelAttemptActivity>(ModelCallActivityNames.Attempt);
    }
}
