namespace ModelAlloy.Durable;

/// <summary>The lifecycle state of an orchestration instance.</summary>
public enum OrchestrationRuntimeStatus
{
    /// <summary>Created (possibly scheduled for later) but not yet started by a worker.</summary>
    Pending = 0,

    /// <summary>Started and not yet finished.</summary>
    Running = 1,

    /// <summary>Finished successfully with an output.</summary>
    Completed = 2,

    /// <summary>Finished with an unhandled failure.</summary>
    Failed = 3,

    /// <summary>Stopped by a terminate request.</summary>
    Terminated = 4,

    /// <summary>Paused by a suspend request; incoming events wait until it is resumed.</summary>
    Suspended = 5,
}

/// <summary>Helpers over <see cref="OrchestrationRuntimeStatus"/>.</summary>
public static class OrchestrationRuntimeStatusExtensions
{
    /// <summary>True for statuses that never change again (completed, failed, terminated).</summary>
    public static bool IsTerminal(this OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
}
