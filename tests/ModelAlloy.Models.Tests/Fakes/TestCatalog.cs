namespace ModelAlloy.Models.Tests.Fakes;

/// <summary>Catalog entries for tests. Keys live in <see cref="KeyVariable"/>, resolved from a dictionary.</summary>
public static class TestCatalog
{
    public const string KeyVariable = "FAKE_PROVIDER_API_KEY";
    public const string Secret = "sk-alloy-TEST-9f8e7d6c5b4a3210-secret";

    public static ModelDefinition OpenAI(string id, Uri endpoint, int contextWindow = 8192, decimal inputPrice = 1m, decimal outputPrice = 2m) => new()
    {
        Id = id,
        Provider = ModelProviderKind.OpenAICompatible,
        Endpoint = endpoint.ToString(),
        Deployment = id,
        Credential = CredentialSource.EnvironmentVariable,
        ApiKeyEnvironmentVariable = KeyVariable,
        Prices = new ModelPrices { InputPerMillion = inputPrice, CachedInputPerMillion = inputPrice / 2, OutputPerMillion = outputPrice },
        ContextWindow = contextWindow,
        MaxOutputTokens = Math.Min(1024, contextWindow),
        Tier = ModelTier.Standard,
    };

    public static ModelDefinition Azure(string id, Uri endpoint, int contextWindow = 128_000) => new()
    {
        Id = id,
        Provider = ModelProviderKind.AzureOpenAI,
        Endpoint = endpoint.ToString(),
        Deployment = id + "-deployment",
        Credential = CredentialSource.EnvironmentVariable,
        ApiKeyEnvironmentVariable = KeyVariable,
        Prices = new ModelPrices { InputPerMillion = 2.5m, OutputPerMillion = 10m },
        ContextWindow = contextWindow,
        MaxOutputTokens = 4096,
        Tier = ModelTier.Premium,
    };

    public static ModelDefinition Anthropic(string id, Uri endpoint, int contextWindow = 200_000) => new()
    {
        Id = id,
        Provider = ModelProviderKind.Anthropic,
        Endpoint = endpoint.ToString(),
        Deployment = "claude-fake",
        Credential = CredentialSource.EnvironmentVariable,
        ApiKeyEnvironmentVariable = KeyVariable,
        Prices = new ModelPrices { InputPerMillion = 3m, OutputPerMillion = 15m },
        ContextWindow = contextWindow,
        MaxOutputTokens = 4096,
        Tier = ModelTier.Standard,
    };

    public static ModelDefinition Simulated(string id, SimulationProfile? profile = null, int contextWindow = 128_000, decimal inputPrice = 0.15m, decimal outputPrice = 0.6m) => new()
    {
        Id = id,
        Provider = ModelProviderKind.Simulated,
        Prices = new ModelPrices { InputPerMillion = inputPrice, OutputPerMillion = outputPrice },
        ContextWindow = contextWindow,
        MaxOutputTokens = 1024,
        Simulation = profile ?? new SimulationProfile(),
    };

    public static ModelGatewayOptions Options(params ModelDefinition[] models)
    {
        var options = new ModelGatewayOptions();
        foreach (ModelDefinition model in models)
        {
            options.Models[model.Id] = model;
        }

        options.Retry = new RetryOptions { MaxAttemptsPerModel = 3, FirstInterval = TimeSpan.FromSeconds(1), BackoffCoefficient = 2, MaxInterval = TimeSpan.FromSeconds(30), MaxRetryAfter = TimeSpan.FromMinutes(1) };
        return options;
    }

    /// <summary>Models "primary" and "backup" on one endpoint, chained in that order as role "chat".</summary>
    public static ModelGatewayOptions PrimaryAndBackup(Uri endpoint) =>
        Options(OpenAI("primary", endpoint), OpenAI("backup", endpoint)).WithRole("chat", "primary", "backup");

    public static ModelGatewayOptions WithRole(this ModelGatewayOptions options, string role, params string[] chain)
    {
        options.Roles[role] = new ModelRoleOptions { Chain = [.. chain] };
        return options;
    }
}
