namespace ModelAlloy.Infra.Tests;

/// <summary>
/// Every app setting infra/app/api.bicep writes on the function app, and nothing else. The Functions app's reads must
/// match it: a setting written here that the app never reads is dead configuration, and a setting the app reads that
/// is missing here breaks the app on Azure only. AppReadsSettingsTests compares the compiled settings with the app's
/// own catalog (ModelAlloy.Hosting's AppSettings) both ways; this list pins the infra side (checked by AppSettingsTests).
/// </summary>
public static class ExpectedAppSettings
{
    /// <summary>Written on every deployment: identity-based host storage, Application Insights, the identity's client id.</summary>
    public static readonly IReadOnlyList<string> Always =
    [
        // Read by the Functions host, Durable Functions' Azure Storage provider and ModelAlloy's own storage clients
        // (UseFunctionsConnection): service URIs plus the user-assigned identity, no connection string.
        "AzureWebJobsStorage__credential",
        "AzureWebJobsStorage__clientId",
        "AzureWebJobsStorage__blobServiceUri",
        "AzureWebJobsStorage__queueServiceUri",
        "AzureWebJobsStorage__tableServiceUri",

        // Read by the Application Insights SDKs; the authentication string makes them use Entra ID (local auth is off).
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",

        // Read by DefaultAzureCredential (Azure.Identity) to pick the user-assigned identity, e.g. for Azure OpenAI.
        "AZURE_CLIENT_ID",
    ];

    /// <summary>
    /// Written when the deployment creates the Azure OpenAI account: two catalog entries, ids <c>cheap</c> and
    /// <c>capable</c>, bound by <c>ModelCatalogConfiguration</c> from <c>ModelGateway:Models:{id}:{field}</c>.
    /// </summary>
    public static readonly IReadOnlyList<string> WithAzureOpenAI = [.. ModelEntry("cheap"), .. ModelEntry("capable")];

    /// <summary>
    /// Written with the catalog entries: the roles the example pipelines call, as chains over <c>cheap</c> and
    /// <c>capable</c>, bound from <c>ModelGateway:Roles:{role}:Chain:{index}</c>.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> Roles = new Dictionary<string, string[]>
    {
        ["cheap"] = ["cheap", "capable"],
        ["capable"] = ["capable"],
        ["judge"] = ["cheap", "capable"],
        ["second_opinion"] = ["capable", "cheap"],
        ["resilient"] = ["cheap", "capable"],
    };

    /// <summary>The role settings, as names.</summary>
    public static IReadOnlyList<string> WithAzureOpenAIRoles =>
        Roles.SelectMany(r => r.Value.Select((_, i) => $"ModelGateway__Roles__{r.Key}__Chain__{i}")).ToList();

    /// <summary>Gets every setting the infra can write.</summary>
    public static IReadOnlyList<string> All => [.. Always, .. WithAzureOpenAI, .. WithAzureOpenAIRoles];

    /// <summary>The catalog model ids the infra defines.</summary>
    public static readonly IReadOnlyList<string> ModelIds = ["cheap", "capable"];

    private static IEnumerable<string> ModelEntry(string id) =>
        new[]
        {
            // ModelDefinition's properties; prices are ModelPrices'. Keys and API key variables are never written.
            "Provider", "Endpoint", "Deployment", "Credential", "Tier", "ContextWindow", "MaxOutputTokens",
            "Prices__InputPerMillion", "Prices__CachedInputPerMillion", "Prices__OutputPerMillion",
        }.Select(field => $"ModelGateway__Models__{id}__{field}");
}
