namespace ModelAlloy.Models;

/// <summary>A role ("classify", "reason"...) and its fallback chain: primary, then other providers, then more capable models.</summary>
public sealed class ModelRoleOptions
{
    /// <summary>Gets or sets the model ids in the order they are tried.</summary>
    public List<string> Chain { get; set; } = [];

    /// <summary>The default of <see cref="EscalationTimeout"/>: a working day and a night.</summary>
    public static readonly TimeSpan DefaultEscalationTimeout = TimeSpan.FromHours(24);

    /// <summary>
    /// Gets or sets whether exhausting the chain asks for a human instead of being final. In an orchestration
    /// (<c>context.CallModelAsync</c>) the call then waits for a person's answer, raised as an external event; elsewhere
    /// the failure carries <see cref="ModelCallFailedException.EscalateToHuman"/>.
    /// </summary>
    public bool EscalateToHuman { get; set; }

    /// <summary>
    /// Gets or sets how long an escalated call waits for a human's answer before it fails (default 24 hours).
    /// The wait is a durable timer: no worker is held.
    /// </summary>
    public TimeSpan EscalationTimeout { get; set; } = DefaultEscalationTimeout;
}
