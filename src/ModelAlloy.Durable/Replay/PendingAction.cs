namespace ModelAlloy.Durable.Replay;

/// <summary>What kind of durable step an orchestrator took.</summary>
internal enum ActionKind
{
    Activity,
    SubOrchestration,
    Timer,
}

/// <summary>A step the orchestrator took that history has not recorded yet (or, during replay, not yet matched).</summary>
internal sealed record PendingAction(int TaskId, ActionKind Kind, string Name, string? Input, DateTime FireAt = default, string? ChildInstanceId = null, string? ChildVersion = null)
{
    public string Describe() => Kind switch
    {
        ActionKind.Activity => $"CallActivity '{Name}' (#{TaskId})",
        ActionKind.SubOrchestration => $"CallSubOrchestrator '{Name}' (#{TaskId})",
        _ => $"CreateTimer (#{TaskId})",
    };
}

/// <summary>A step awaiting its outcome.</summary>
internal sealed class OpenTask(ActionKind kind, string name, string? childInstanceId = null)
{
    public ActionKind Kind { get; } = kind;

    public string Name { get; } = name;

    public string? ChildInstanceId { get; } = childInstanceId;

    public TaskCompletionSource<string?> Completion { get; } = new();
}
