namespace ModelAlloy.Hosting.SelfHosted.Sidecar;

/// <summary>How <see cref="SidecarOrchestrationService"/> treats the DTFx service underneath.</summary>
internal sealed record SidecarServiceOptions
{
    /// <summary>Gets the concurrent activity work items the sidecar dispatches.</summary>
    public int MaxConcurrentActivities { get; init; } = 100;

    /// <summary>Gets the concurrent orchestration work items the sidecar dispatches.</summary>
    public int MaxConcurrentOrchestrations { get; init; } = 100;

    /// <summary>Gets whether sidecar-specific event and tag types become plain DTFx types (needed on Azure Storage).</summary>
    public bool NormalizeHistory { get; init; } = true;

    /// <summary>Gets whether timer fire times are aligned for a whole-second queue visibility (Azure Storage).</summary>
    public bool AlignTimersToWholeSeconds { get; init; }

    /// <summary>Gets whether committed history is kept in memory for <see cref="SidecarOrchestrationService.GetRecordedHistory"/>.</summary>
    public bool RecordHistory { get; init; }

    /// <summary>
    /// Gets a fault to inject (tests only): when it returns true for an activity's name, the activity's result is lost
    /// as if the worker died after running it, and DTFx delivers the activity again.
    /// </summary>
    public Func<string, bool>? LoseActivityResult { get; init; }

    /// <summary>Gets how often a completion wait polls for a terminal state committed by another process.</summary>
    public TimeSpan CompletionPollInterval { get; init; } = TimeSpan.FromMilliseconds(250);
}
