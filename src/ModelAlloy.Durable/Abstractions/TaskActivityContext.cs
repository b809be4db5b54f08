namespace ModelAlloy.Durable;

/// <summary>What an activity sees about the call that started it.</summary>
public sealed class TaskActivityContext
{
    internal TaskActivityContext(string name, string instanceId, int taskId, int attempt)
    {
        Name = name;
        InstanceId = instanceId;
        TaskId = taskId;
        Attempt = attempt;
    }

    /// <summary>The activity name.</summary>
    public string Name { get; }

    /// <summary>The id of the orchestration instance that scheduled the activity.</summary>
    public string InstanceId { get; }

    /// <summary>The task's sequence number in its orchestration; with <see cref="InstanceId"/> it identifies the call across redeliveries.</summary>
    public int TaskId { get; }

    /// <summary>
    /// How many times this exact message was delivered (1 on the first). Activities are at-least-once:
    /// after a crash the same call may run again, so side effects should be idempotent on (InstanceId, TaskId).
    /// </summary>
    public int Attempt { get; }
}
