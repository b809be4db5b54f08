namespace ModelAlloy.Models;

/// <summary>A role ("classify", "reason"...) and its fallback chain: primary, then other providers, then more capable models.</summary>
public sealed class ModelRoleOptions
{
    /// <summary>Gets or sets the model ids in the order they are tried.</summary>
    public List<string> Chain { get; set; } = [];

    /// <summary>
    /// Gets or sets whether exhausting the chain asks for a human (the failure carries
    /// <see cref="ModelCallFailedException.EscalateToHuman"/>) instead of being final.
    /// </summary>
    public bool EscalateToHuman { get; set; }
}
