namespace ModelAlloy.Durable;

/// <summary>Thrown into an orchestrator when an activity or sub-orchestration it awaited failed.</summary>
public class TaskFailedException : Exception
{
    /// <summary>Creates the exception for task <paramref name="taskName"/> (#<paramref name="taskId"/>).</summary>
    public TaskFailedException(string taskName, int taskId, TaskFailureDetails failureDetails)
        : base($"Task '{taskName}' (#{taskId}) failed with an unhandled exception: {failureDetails.ErrorMessage}")
    {
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = failureDetails;
    }

    /// <summary>The name of the failed activity or sub-orchestration.</summary>
    public string TaskName { get; }

    /// <summary>The task's sequence number within its orchestration.</summary>
    public int TaskId { get; }

    /// <summary>The failure as recorded in history.</summary>
    public TaskFailureDetails FailureDetails { get; }
}

/// <summary>Thrown into an orchestrator when a sub-orchestration it awaited failed or was terminated.</summary>
public sealed class SubOrchestrationFailedException : TaskFailedException
{
    /// <summary>Creates the exception.</summary>
    public SubOrchestrationFailedException(string taskName, int taskId, string childInstanceId, TaskFailureDetails failureDetails)
        : base(taskName, taskId, failureDetails) => ChildInstanceId = childInstanceId;

    /// <summary>The instance id of the failed sub-orchestration.</summary>
    public string ChildInstanceId { get; }
}
