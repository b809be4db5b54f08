using ModelAlloy.Models;
using ModelAlloy.Pipelines;

namespace ModelAlloy.Hosting;

/// <summary>
/// Every configuration key the Functions app reads, in one place: the registration code reads these constants, and
/// the infrastructure test compares <see cref="All"/> with the settings infra/ writes, both ways (nothing written that
/// nobody reads; everything a deployment needs is written).
/// </summary>
public static class AppSettings
{
    /// <summary>Application Insights' connection string (no instrumentation key).</summary>
    public const string ApplicationInsightsConnectionString = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>Application Insights' Entra ID authentication (<c>Authorization=AAD;ClientId=...</c>; local auth off).</summary>
    public const string ApplicationInsightsAuthenticationString = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>The user-assigned identity <c>DefaultAzureCredential</c> uses (Azure OpenAI with managed identity).</summary>
    public const string AzureClientId = "AZURE_CLIENT_ID";

    /// <summary>The Functions host's storage, also the ledger's and cooldowns' unless <see cref="StorageConnection"/> names another.</summary>
    public const string Storage = Hosting.StorageConnection.FunctionsSettingName;

    /// <summary>The name of the storage connection for the ledger, cooldowns and pipeline blobs (default <see cref="Storage"/>).</summary>
    public const string StorageConnection = "ModelAlloy:StorageConnection";

    /// <summary>A blob container of pipeline definitions (in the storage connection); unset: <see cref="PipelinesFolder"/>.</summary>
    public const string PipelinesContainer = "ModelAlloy:Pipelines:Container";

    /// <summary>The folder of pipeline definitions (default <c>pipelines</c>).</summary>
    public const string PipelinesFolder = PipelineServiceCollectionExtensions.FolderSettingName;

    /// <summary>Whether model-call spans record prompts and completions (default false).</summary>
    public const string RecordContent = ModelTelemetryOptions.RecordContentSettingName;

    /// <summary>
    /// A fixed share (0..1) of traces sent to Application Insights instead of its SDK's default rate-limited sampling
    /// (a few traces per second per process): 1 keeps every run's trace.
    /// </summary>
    public const string TraceSamplingRatio = ModelTelemetryOptions.SectionName + ":TraceSamplingRatio";

    /// <summary>Gets every key (or bound section) the Functions app reads.</summary>
    public static IReadOnlyList<AppSetting> All { get; } =
    [
        new($"{Storage}:credential", AppSettingNeed.Always, "the Functions host, Durable Functions and StorageConnection"),
        new($"{Storage}:clientId", AppSettingNeed.Always, "the Functions host, Durable Functions and StorageConnection"),
        new($"{Storage}:blobServiceUri", AppSettingNeed.Always, "the Functions host, Durable Functions and StorageConnection"),
        new($"{Storage}:queueServiceUri", AppSettingNeed.Always, "the Functions host, Durable Functions and StorageConnection"),
        new($"{Storage}:tableServiceUri", AppSettingNeed.Always, "the Functions host, Durable Functions and StorageConnection"),
        new(Storage, AppSettingNeed.Optional, "StorageConnection (a connection string: Azurite, local runs)"),
        new($"{Storage}:accountName", AppSettingNeed.Optional, "StorageConnection (public-cloud endpoints from the account name)"),
        new(ApplicationInsightsConnectionString, AppSettingNeed.Always, "the Application Insights SDK (Functions) and AzureMonitorExport (self-hosted)"),
        new(ApplicationInsightsAuthenticationString, AppSettingNeed.Always, "the Application Insights SDK (Functions) and AzureMonitorExport (self-hosted)"),
        new(AzureClientId, AppSettingNeed.Always, "DefaultAzureCredential (Azure OpenAI with managed identity)"),
        new(StorageConnection, AppSettingNeed.Optional, "AddModelAlloy"),
        new(PipelinesContainer, AppSettingNeed.Optional, "AddModelAlloy"),
        new(PipelinesFolder, AppSettingNeed.Optional, "AddModelAlloyPipelines"),
        new(RecordContent, AppSettingNeed.Optional, "AddModelGateway (model-call spans)"),
        new(TraceSamplingRatio, AppSettingNeed.Optional, "AzureMonitorExport and FunctionsTelemetry (trace sampling)"),
        new($"{ModelGatewayOptions.SectionName}:{nameof(ModelGatewayOptions.Models)}", AppSettingNeed.WithModels, "AddModelGateway (the catalog)", typeof(Dictionary<string, ModelDefinition>)),
        new($"{ModelGatewayOptions.SectionName}:{nameof(ModelGatewayOptions.Roles)}", AppSettingNeed.WithModels, "AddModelGateway (fallback chains)", typeof(Dictionary<string, ModelRoleOptions>)),
        new($"{ModelGatewayOptions.SectionName}:{nameof(ModelGatewayOptions.Retry)}", AppSettingNeed.Optional, "AddModelGateway", typeof(RetryOptions)),
        new($"{ModelGatewayOptions.SectionName}:{nameof(ModelGatewayOptions.Cooldown)}", AppSettingNeed.Optional, "AddModelGateway", typeof(CooldownOptions)),
        new($"{ModelGatewayOptions.SectionName}:{nameof(ModelGatewayOptions.Budgets)}", AppSettingNeed.Optional, "AddModelGateway", typeof(BudgetOptions)),
        new($"{ModelGatewayOptions.SectionName}:{nameof(ModelGatewayOptions.DefaultTimeout)}", AppSettingNeed.Optional, "AddModelGateway"),
    ];

    /// <summary>The configured <see cref="TraceSamplingRatio"/>, or null for the SDK's default sampling.</summary>
    /// <param name="configuration">The configuration.</param>
    /// <returns>The ratio, or null.</returns>
    /// <exception cref="InvalidOperationException">When the value is not a number between 0 and 1.</exception>
    public static float? SamplingRatioFrom(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[TraceSamplingRatio] is not { Length: > 0 } text)
        {
            return null;
        }

        return float.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out float ratio) && ratio is >= 0 and <= 1
            ? ratio
            : throw new InvalidOperationException($"setting '{TraceSamplingRatio}' is '{text}'; give a number from 0 to 1 (1 keeps every trace) or remove it");
    }

    /// <summary>Whether the app reads <paramref name="key"/> (either form).</summary>
    /// <param name="key">The key or app setting name.</param>
    /// <returns>True when some entry of <see cref="All"/> reads it.</returns>
    public static bool IsRead(string key) => All.Any(s => s.Reads(key));
}
