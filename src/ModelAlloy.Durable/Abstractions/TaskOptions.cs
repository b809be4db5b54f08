namespace ModelAlloy.Durable;

/// <summary>Options for scheduling an activity or a sub-orchestration.</summary>
public class TaskOptions
{
    /// <summary>Creates options, optionally with a retry policy.</summary>
    public TaskOptions(RetryPolicy? retry = null) => Retry = retry;

    /// <summary>The retry policy, or null to fail on the first failure.</summary>
    public RetryPolicy? Retry { get; init; }

    /// <summary>Shorthand for options with only a retry policy.</summary>
    public static TaskOptions FromRetryPolicy(RetryPolicy policy) => new(policy);
}

/// <summary>Options for scheduling a sub-orchestration.</summary>
public sealed class SubOrchestrationOptions : TaskOptions
{
    /// <summary>Creates options.</summary>
    public SubOrchestrationOptions(RetryPolicy? retry = null, string? instanceId = null)
        : base(retry) => InstanceId = instanceId;

    /// <summary>The child's instance id; defaults to a deterministic id derived from the parent's id and the task number.</summary>
    public string? InstanceId { get; init; }

    /// <summary>The child's version; defaults to the version registered for the child orchestrator.</summary>
    public string? Version { get; init; }
}
