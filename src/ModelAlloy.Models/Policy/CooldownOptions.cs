namespace ModelAlloy.Models;

/// <summary>Per-model cooldown: after repeated failures a model is skipped by routing until the cooldown expires.</summary>
public sealed class CooldownOptions
{
    /// <summary>Gets or sets the consecutive failures (transient or auth) that start a cooldown; 0 disables cooldowns.</summary>
    public int FailureThreshold { get; set; } = 5;

    /// <summary>Gets or sets how long a model cools down.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Gets or sets how long a worker trusts what it last read or wrote of a model's shared cooldown row before it reads
    /// the row again (Table Storage). A cooldown another worker starts is seen within this; this worker's own failures
    /// are seen at once. Saves two table operations on each attempt at a healthy model; zero reads every time.
    /// </summary>
    public TimeSpan SharedStateCacheDuration { get; set; } = TimeSpan.FromSeconds(2);
}
