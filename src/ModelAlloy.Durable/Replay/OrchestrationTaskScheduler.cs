namespace ModelAlloy.Durable.Replay;

/// <summary>
/// Runs an orchestrator's continuations one at a time, only when the executor pumps it. This is what makes replay
/// deterministic: no continuation runs on the thread pool, and the executor decides when the code advances.
/// </summary>
internal sealed class OrchestrationTaskScheduler : TaskScheduler
{
    private readonly Queue<Task> _ready = new();

    public override int MaximumConcurrencyLevel => 1;

    /// <summary>Runs queued continuations until the orchestrator waits on something not yet complete.</summary>
    public void RunUntilIdle()
    {
        while (_ready.TryDequeue(out var task))
        {
            TryExecuteTask(task);
        }
    }

    protected override void QueueTask(Task task) => _ready.Enqueue(task);

    // Inlining would run orchestrator code on whichever thread completed a task; queueing keeps order explicit.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    protected override IEnumerable<Task> GetScheduledTasks() => _ready.ToArray();
}
