namespace ModelAlloy.Bench;

/// <summary>
/// How long an engine workload's activity works before returning input + 1 (<c>--activity-ms</c>; 0 by default): with
/// it, a chain on DTFx's own TaskHubWorker is the floor any orchestration over the same backend pays for that many
/// sequential steps of that much work.
/// </summary>
internal static class EngineWork
{
    /// <summary>Gets or sets the work per activity; set once, before any engine starts.</summary>
    public static int DelayMs { get; set; }

    public static Task DelayAsync() => DelayMs > 0 ? Task.Delay(DelayMs) : Task.CompletedTask;
}
