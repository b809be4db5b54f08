using Microsoft.Extensions.DependencyInjection;

namespace ModelAlloy.Durable;

public sealed partial class DurableTaskRegistry
{
    /// <summary>Registers an orchestrator class under <paramref name="name"/> (defaults to the class name).</summary>
    public DurableTaskRegistry AddOrchestrator<TOrchestrator>(string? name = null, string? version = null)
        where TOrchestrator : class, ITaskOrchestrator
    {
        name ??= typeof(TOrchestrator).Name;
        AddUnique(_orchestrators, name, "orchestrator", new(sp => ActivatorUtilities.GetServiceOrCreateInstance<TOrchestrator>(sp), version));
        return this;
    }

    /// <summary>Registers an orchestrator function.</summary>
    public DurableTaskRegistry AddOrchestrator<TInput, TOutput>(string name, Func<TaskOrchestrationContext, TInput, Task<TOutput>> run, string? version = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var orchestrator = new FuncOrchestrator<TInput, TOutput>(run);
        AddUnique(_orchestrators, name, "orchestrator", new(_ => orchestrator, version));
        return this;
    }

    private sealed class FuncOrchestrator<TInput, TOutput>(Func<TaskOrchestrationContext, TInput, Task<TOutput>> run)
        : TaskOrchestrator<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input) => run(context, input);
    }
}
