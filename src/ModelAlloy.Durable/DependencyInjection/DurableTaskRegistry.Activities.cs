using Microsoft.Extensions.DependencyInjection;

namespace ModelAlloy.Durable;

public sealed partial class DurableTaskRegistry
{
    /// <summary>Registers an activity class (created through DI per call) under <paramref name="name"/> (defaults to the class name).</summary>
    public DurableTaskRegistry AddActivity<TActivity>(string? name = null)
        where TActivity : class, ITaskActivity
    {
        name ??= typeof(TActivity).Name;
        AddActivityFactory(name, sp => ActivatorUtilities.GetServiceOrCreateInstance<TActivity>(sp));
        return this;
    }

    /// <summary>Registers an activity function.</summary>
    public DurableTaskRegistry AddActivity<TInput, TOutput>(string name, Func<TaskActivityContext, TInput, Task<TOutput>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var activity = new FuncActivity<TInput, TOutput>((context, input, _) => run(context, input));
        AddActivityFactory(name, _ => activity);
        return this;
    }

    /// <summary>Registers a synchronous activity function.</summary>
    public DurableTaskRegistry AddActivity<TInput, TOutput>(string name, Func<TInput, TOutput> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return AddActivity<TInput, TOutput>(name, (_, input) => Task.FromResult(run(input)));
    }

    /// <summary>Registers an activity function that observes cancellation.</summary>
    public DurableTaskRegistry AddActivity<TInput, TOutput>(string name, Func<TaskActivityContext, TInput, CancellationToken, Task<TOutput>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var activity = new FuncActivity<TInput, TOutput>(run);
        AddActivityFactory(name, _ => activity);
        return this;
    }

    private void AddActivityFactory(string name, Func<IServiceProvider, ITaskActivity> factory) => AddUnique(_activities, name, "activity", factory);

    private sealed class FuncActivity<TInput, TOutput>(Func<TaskActivityContext, TInput, CancellationToken, Task<TOutput>> run)
        : TaskActivity<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input, CancellationToken cancellationToken) =>
            run(context, input, cancellationToken);
    }
}
