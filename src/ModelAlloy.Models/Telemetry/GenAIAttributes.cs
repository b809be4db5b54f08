namespace ModelAlloy.Models;

/// <summary>Attribute names of the model-call spans and metrics: OpenTelemetry GenAI conventions, then ours.</summary>
internal static class GenAIAttributes
{
    public const string OperationName = "gen_ai.operation.name";
    public const string ProviderName = "gen_ai.provider.name";
    public const string System = "gen_ai.system";
    public const string RequestModel = "gen_ai.request.model";
    public const string RequestMaxTokens = "gen_ai.request.max_tokens";
    public const string RequestTemperature = "gen_ai.request.temperature";
    public const string ResponseModel = "gen_ai.response.model";
    public const string ResponseId = "gen_ai.response.id";
    public const string InputTokens = "gen_ai.usage.input_tokens";
    public const string OutputTokens = "gen_ai.usage.output_tokens";
    public const string TokenType = "gen_ai.token.type";
    public const string InputMessages = "gen_ai.input.messages";
    public const string OutputMessages = "gen_ai.output.messages";
    public const string ServerAddress = "server.address";
    public const string ErrorType = "error.type";

    public const string Pipeline = "modelalloy.pipeline";
    public const string Stage = "modelalloy.stage";
    public const string TaskType = "modelalloy.task_type";
    public const string ModelId = "modelalloy.model_id";
    public const string Tier = "modelalloy.tier";
    public const string CostUsd = "modelalloy.cost_usd";
    public const string CacheHit = "modelalloy.cache_hit";
    public const string CachedInputTokens = "modelalloy.usage.cached_input_tokens";
    public const string UsageEstimated = "modelalloy.usage_estimated";
    public const string Outcome = "modelalloy.outcome";
    public const string InstanceId = "modelalloy.instance_id";
    public const string RunId = "modelalloy.run_id";
    public const string CallId = "modelalloy.call_id";
    public const string Attempt = "modelalloy.attempt";
    public const string Simulated = "modelalloy.simulated";

    public const string Chat = "chat";

    /// <summary>The GenAI conventions' provider name of a catalog provider.</summary>
    public static string ProviderOf(ModelProviderKind kind) => kind switch
    {
        ModelProviderKind.AzureOpenAI => "azure.ai.openai",
        ModelProviderKind.OpenAICompatible => "openai",
        ModelProviderKind.Anthropic => "anthropic",
        ModelProviderKind.Simulated => "modelalloy.simulated",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
