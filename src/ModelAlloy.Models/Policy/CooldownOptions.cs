namespace ModelAlloy.Models;

/// <summary>Per-model cooldown: after repeated failures a model is skipped by routing until the cooldown expires.</summary>
public sealed class CooldownOptions
{
    /// <summary>Gets or sets the consecutive failures (transient or auth) that start a cooldown; 0 disables cooldowns.</summary>
    public int FailureThreshold { get; set; } = 5;

    /// <summary>Gets or sets how long a model cools down.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(2);
}
