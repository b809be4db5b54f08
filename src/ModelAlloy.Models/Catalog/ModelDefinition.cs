namespace ModelAlloy.Models;

/// <summary>One model in the catalog, bound from configuration (<c>ModelGateway:Models:{id}</c>).</summary>
public sealed class ModelDefinition
{
    /// <summary>Gets or sets the catalog id (the configuration key; filled in by the loader).</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Gets or sets the provider kind.</summary>
    public ModelProviderKind Provider { get; set; }

    /// <summary>Gets or sets the endpoint (required for Azure OpenAI and OpenAI-compatible providers).</summary>
    public string? Endpoint { get; set; }

    /// <summary>Gets or sets the deployment (Azure) or model name sent to the provider; defaults to <see cref="Id"/>.</summary>
    public string? Deployment { get; set; }

    /// <summary>Gets or sets where the credential comes from.</summary>
    public CredentialSource Credential { get; set; }

    /// <summary>Gets or sets the name (never the value) of the environment variable holding the API key.</summary>
    public string? ApiKeyEnvironmentVariable { get; set; }

    /// <summary>Gets or sets the prices per million tokens.</summary>
    public ModelPrices Prices { get; set; } = new();

    /// <summary>Gets or sets the context window in tokens.</summary>
    public int ContextWindow { get; set; }

    /// <summary>Gets or sets the maximum output tokens the model accepts per call.</summary>
    public int MaxOutputTokens { get; set; }

    /// <summary>Gets or sets the tier.</summary>
    public ModelTier Tier { get; set; }

    /// <summary>Gets or sets free-form tags (for routing rules and reports).</summary>
    public List<string> Tags { get; set; } = [];

    /// <summary>Gets or sets the behaviour of a simulated model (ignored by real providers).</summary>
    public SimulationProfile Simulation { get; set; } = new();

    /// <summary>Gets the name sent to the provider: the deployment when set, else the id.</summary>
    public string DeploymentOrId => string.IsNullOrWhiteSpace(Deployment) ? Id : Deployment;
}
