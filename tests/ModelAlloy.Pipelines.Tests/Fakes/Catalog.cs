using ModelAlloy.Models;

namespace ModelAlloy.Pipelines.Tests.Fakes;

/// <summary>A model catalog on the loopback server: each model is also a role of the same name (a one-model chain).</summary>
public static class Catalog
{
    public const string KeyVariable = "FAKE_PROVIDER_API_KEY";

    public static readonly string[] ModelIds = ["cheap", "capable", "judge", "extractor", "reasoner", "a", "b", "c"];

    public static ModelGatewayOptions On(Uri endpoint)
    {
        var options = new ModelGatewayOptions
        {
            // One attempt per model: a rejected answer moves on at once, so scripts say exactly what each call gets.
            Retry = new RetryOptions { MaxAttemptsPerModel = 1, FirstInterval = TimeSpan.FromMilliseconds(50), BackoffCoefficient = 2, MaxInterval = TimeSpan.FromSeconds(1), MaxRetryAfter = TimeSpan.FromSeconds(1) },
        };
        foreach (string id in ModelIds)
        {
            options.Models[id] = new ModelDefinition
            {
                Id = id,
                Provider = ModelProviderKind.OpenAICompatible,
                Endpoint = endpoint.ToString(),
                Deployment = id,
                Credential = CredentialSource.EnvironmentVariable,
                ApiKeyEnvironmentVariable = KeyVariable,
                Prices = new ModelPrices { InputPerMillion = id == "capable" ? 10m : 1m, OutputPerMillion = id == "capable" ? 30m : 2m },
                ContextWindow = 16_000,
                MaxOutputTokens = 1024,
                Tier = id == "capable" ? ModelTier.Premium : ModelTier.Standard,
            };
            options.Roles[id] = new ModelRoleOptions { Chain = [id] };
        }

        return options;
    }
}
