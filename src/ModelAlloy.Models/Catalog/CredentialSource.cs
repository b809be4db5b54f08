namespace ModelAlloy.Models;

/// <summary>
/// Where a model's credential comes from. Literal secrets are never accepted in configuration:
/// an API key is read from the environment variable named by <see cref="ModelDefinition.ApiKeyEnvironmentVariable"/>.
/// </summary>
public enum CredentialSource
{
    /// <summary>No credential (simulated provider, a local Ollama or vLLM).</summary>
    None = 0,

    /// <summary>An API key read at run time from a named environment variable.</summary>
    EnvironmentVariable,

    /// <summary>Managed identity / developer login through DefaultAzureCredential (Azure OpenAI only).</summary>
    ManagedIdentity,
}
