namespace ModelAlloy.Durable;

/// <summary>An orchestrator in untyped form, as the executor runs it.</summary>
public interface ITaskOrchestrator
{
    /// <summary>The input type the orchestrator expects.</summary>
    Type InputType { get; }

    /// <summary>Runs (or replays) the orchestration.</summary>
    Task<object?> RunAsync(TaskOrchestrationContext context, object? input);
}

/// <summary>Base class for orchestrators with a typed input and output.</summary>
public abstract class TaskOrchestrator<TInput, TOutput> : ITaskOrchestrator
{
    /// <inheritdoc/>
    public Type InputType => typeof(TInput);

    /// <summary>The orchestration's logic. Must be deterministic: see <see cref="TaskOrchestrationContext"/>.</summary>
    public abstract Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input);

    async Task<object?> ITaskOrchestrator.RunAsync(TaskOrchestrationContext context, object? input) =>
        await RunAsync(context, (TInput)input!);
}

/// <summary>An activity in untyped form, as the worker runs it.</summary>
public interface ITaskActivity
{
    /// <summary>The input type the activity expects.</summary>
    Type InputType { get; }

    /// <summary>Runs the activity.</summary>
    Task<object?> RunAsync(TaskActivityContext context, object? input, CancellationToken cancellationToken);
}

/// <summary>Base class for activities with a typed input and output. Activities may do I/O; they are at-least-once.</summary>
public abstract class TaskActivity<TInput, TOutput> : ITaskActivity
{
    /// <inheritdoc/>
    public Type InputType => typeof(TInput);

    /// <summary>The activity's work.</summary>
    public abstract Task<TOutput> RunAsync(TaskActivityContext context, TInput input, CancellationToken cancellationToken);

    async Task<object?> ITaskActivity.RunAsync(TaskActivityContext context, object? input, CancellationToken cancellationToken) =>
        await RunAsync(context, (TInput)input!, cancellationToken).ConfigureAwait(false);
}
