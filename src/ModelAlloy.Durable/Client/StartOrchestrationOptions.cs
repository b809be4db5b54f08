using ModelAlloy.Durable.Backend;

namespace ModelAlloy.Durable;

/// <summary>Options for starting an orchestration.</summary>
public sealed record StartOrchestrationOptions
{
    /// <summary>The instance id; a new random id when null. See <see cref="InstanceIdRules"/>.</summary>
    public string? InstanceId { get; init; }

    /// <summary>Do not start before this time (UTC); the instance stays pending until then.</summary>
    public DateTimeOffset? StartAt { get; init; }

    /// <summary>The version to record; defaults to the version registered for the orchestrator.</summary>
    public string? Version { get; init; }

    /// <summary>What to do when <see cref="InstanceId"/> already exists.</summary>
    public InstanceIdReusePolicy IfExists { get; init; } = InstanceIdReusePolicy.ReplaceIfFinished;

    /// <summary>A trace id to correlate telemetry; a new one when null.</summary>
    public string? TraceId { get; init; }
}
