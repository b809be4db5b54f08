namespace ModelAlloy.Models;

/// <summary>Field rules of one catalog entry; messages read "model '{id}': {Field}: {reason}".</summary>
internal static class ModelDefinitionRules
{
    public static void Check(ModelDefinition model, List<string> errors)
    {
        void Error(string field, string reason) => errors.Add($"model '{model.Id}': {field}: {reason}");

        if (model.Provider == ModelProviderKind.Unspecified || !Enum.IsDefined(model.Provider))
        {
            Error("Provider", "is required; use AzureOpenAI, OpenAICompatible, Anthropic or Simulated");
        }
        else if (model.Provider == ModelProviderKind.Human)
        {
            Error("Provider", "Human is not a catalog provider; end a role's chain in a human with the role's EscalateToHuman");
        }

        CheckEndpoint(model, Error);
        CheckCredential(model, Error);
        if (model.ContextWindow <= 0)
        {
            Error("ContextWindow", $"must be a positive token count (got {model.ContextWindow})");
        }

        if (model.MaxOutputTokens <= 0 || (model.ContextWindow > 0 && model.MaxOutputTokens > model.ContextWindow))
        {
            Error("MaxOutputTokens", $"must be positive and not larger than ContextWindow (got {model.MaxOutputTokens})");
        }

        if (model.Prices.InputPerMillion < 0 || model.Prices.OutputPerMillion < 0 || model.Prices.CachedInputPerMillion < 0)
        {
            Error("Prices", "must not be negative");
        }

        SimulationProfile sim = model.Simulation;
        double[] rates = [sim.RateLimitRate, sim.ServerErrorRate, sim.TimeoutRate, sim.Quality];
        if (rates.Any(r => r is < 0 or > 1) || sim.RateLimitRate + sim.ServerErrorRate + sim.TimeoutRate > 1)
        {
            Error("Simulation", "rates and Quality must be within [0, 1] and the failure rates must add up to at most 1");
        }
    }

    private static void CheckEndpoint(ModelDefinition model, Action<string, string> error)
    {
        bool required = model.Provider is ModelProviderKind.AzureOpenAI or ModelProviderKind.OpenAICompatible;
        if (string.IsNullOrWhiteSpace(model.Endpoint))
        {
            if (required)
            {
                error("Endpoint", $"is required for provider {model.Provider}; set it to the service's base URL");
            }

            return;
        }

        if (!Uri.TryCreate(model.Endpoint, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            error("Endpoint", $"'{model.Endpoint}' is not an absolute http(s) URL");
            return;
        }

        if (!string.IsNullOrEmpty(uri.UserInfo) || uri.Query.Contains("key", StringComparison.OrdinalIgnoreCase) || uri.Query.Contains("sig=", StringComparison.OrdinalIgnoreCase))
        {
            error("Endpoint", "must not carry credentials (user info, key or signature in the query); use ApiKeyEnvironmentVariable");
        }
    }

    private static void CheckCredential(ModelDefinition model, Action<string, string> error)
    {
        string? name = model.ApiKeyEnvironmentVariable;
        switch (model.Credential)
        {
            case CredentialSource.EnvironmentVariable when string.IsNullOrWhiteSpace(name):
                error("ApiKeyEnvironmentVariable", "is required when Credential is EnvironmentVariable; give the variable's name, e.g. AZURE_OPENAI_API_KEY");
                return;
            case CredentialSource.EnvironmentVariable when SecretHeuristics.LooksLikeSecret(name!) || !SecretHeuristics.IsEnvironmentVariableName(name!):
                error("ApiKeyEnvironmentVariable", "looks like a key, not a variable name; put the key in an environment variable and give its NAME here");
                return;
            case CredentialSource.ManagedIdentity when model.Provider != ModelProviderKind.AzureOpenAI:
                error("Credential", "ManagedIdentity is supported for AzureOpenAI only");
                return;
            case CredentialSource.None when model.Provider is ModelProviderKind.AzureOpenAI or ModelProviderKind.Anthropic:
                error("Credential", $"provider {model.Provider} needs EnvironmentVariable{(model.Provider == ModelProviderKind.AzureOpenAI ? " or ManagedIdentity" : string.Empty)}");
                return;
        }

        if (model.Credential != CredentialSource.EnvironmentVariable && !string.IsNullOrWhiteSpace(name))
        {
            error("ApiKeyEnvironmentVariable", $"is set but Credential is {model.Credential}; set Credential to EnvironmentVariable or remove it");
        }
    }
}
