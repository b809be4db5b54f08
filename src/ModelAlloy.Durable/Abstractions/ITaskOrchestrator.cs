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
/// <remarks>
/// Activities are at-least-once. A crash (or lost acknowledgement) after an activity ran but before its result was
/// durably sent makes it run again, so its side effects must be idempotent, keyed on
/// (<see cref="TaskActivityContext.InstanceId"/>, <see cref="TaskActivityContext.TaskId"/>). The orchestration is
/// exactly-once in what it records: its history keeps the first result of each task and discards later copies, so
/// the orchestrator sees every result exactly once. The conformance suite checks both with a failure injected
/// before every single backend write (<c>WriteFaultConformance</c>) and with every message delivered twice
/// (<c>DuplicateDeliveryConformance</c>).
/// </remarks>
public interface ITaskActivity
{
    /// <summary>The input type the activity expects.</summary>
    Type InputType { get; }

    /// <summary>Runs the activity.</summary>
    Task<object?> RunAsync(TaskActivityContext context, object? input, CancellationToken cancellationToken);
}

/// <summary>
/// Base class for activities with a typed input and output. Activities may do I/O; they are at-least-once (see
/// <see cref="ITaskActivity"/>): make side effects idempotent on the instance id and task id.
/// </summary>
public abstract class TaskActivity<TInput, TOutput> : ITaskActivity
{
    /// <inheritdoc/>
    public Type InputType => typeof(TInput);

    /// <summary>The activity's work.</summary>
    public abstract Task<TOutput> RunAsync(TaskActivityContext context, TInput input, CancellationToken cancellationToken);

    async Task<object?> ITaskActivity.RunAsync(TaskActivityContext context, object? input, CancellationToken cancellationToken) =>
        await RunAsync(context, (TInput)input!, cancellationToken).ConfigureAwait(false);
}
