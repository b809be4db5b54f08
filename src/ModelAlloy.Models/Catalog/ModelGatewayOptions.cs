namespace ModelAlloy.Models;

/// <summary>
/// The gateway's configuration (section <c>ModelGateway</c>): the model catalog, roles with fallback
/// chains, retry, cooldown and budget policy. Validated at startup by <c>ModelGatewayOptionsValidator</c>.
/// </summary>
public sealed class ModelGatewayOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "ModelGateway";

    /// <summary>Gets or sets the models, keyed by id.</summary>
    public Dictionary<string, ModelDefinition> Models { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets the roles, keyed by role name.</summary>
    public Dictionary<string, ModelRoleOptions> Roles { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets the retry policy for transient failures.</summary>
    public RetryOptions Retry { get; set; } = new();

    /// <summary>Gets or sets the per-model cooldown policy.</summary>
    public CooldownOptions Cooldown { get; set; } = new();

    /// <summary>Gets or sets the budgets.</summary>
    public BudgetOptions Budgets { get; set; } = new();

    /// <summary>Gets or sets the per-call timeout when a request does not set one.</summary>
    public TimeSpan DefaultTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// Gets configuration paths that held literal secrets (filled by the configuration loader, reported by validation).
    /// </summary>
    internal List<string> LiteralSecretPaths { get; } = [];

    /// <summary>Gets values the configuration binder could not convert (it skips bad enum values silently).</summary>
    internal List<string> BindingErrors { get; } = [];
}
