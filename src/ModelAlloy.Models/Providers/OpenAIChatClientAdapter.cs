using Microsoft.Extensions.AI;
using OpenAI.Chat;
using AIChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AIChatResponseFormat = Microsoft.Extensions.AI.ChatResponseFormat;
using OpenAIChatClient = OpenAI.Chat.ChatClient;
using OpenAIChatMessage = OpenAI.Chat.ChatMessage;

namespace ModelAlloy.Models;

/// <summary>
/// Our thin <see cref="IChatClient"/> over OpenAI 2.1.0's <see cref="OpenAIChatClient"/> (used for Azure OpenAI and
/// OpenAI-compatible endpoints). Microsoft.Extensions.AI.OpenAI would need a newer OpenAI package, which breaks
/// Azure.AI.OpenAI 2.1.0 at run time. Text messages only: the gateway sends and expects text or JSON.
/// </summary>
internal sealed class OpenAIChatClientAdapter(OpenAIChatClient client, string modelName) : IChatClient
{
    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<AIChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        List<OpenAIChatMessage> mapped = messages.Select(ToOpenAI).ToList();
        ChatCompletion completion = (await client.CompleteChatAsync(mapped, ToOpenAI(options), cancellationToken).ConfigureAwait(false)).Value;
        string text = string.Concat(completion.Content.Where(p => p.Kind == ChatMessageContentPartKind.Text).Select(p => p.Text));
        return new ChatResponse(new AIChatMessage(ChatRole.Assistant, text))
        {
            ModelId = completion.Model ?? modelName,
            ResponseId = completion.Id,
            FinishReason = completion.Refusal is not null ? Microsoft.Extensions.AI.ChatFinishReason.ContentFilter : ToFinishReason(completion.FinishReason),
            Usage = ToUsage(completion.Usage),
            RawRepresentation = completion,
        };
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<AIChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        BufferedStreaming.FromAsync(GetResponseAsync(messages, options, cancellationToken), cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(client) ? client
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
    }

    private static OpenAIChatMessage ToOpenAI(AIChatMessage message)
    {
        string text = message.Text;
        if (message.Role == ChatRole.System)
        {
            return new SystemChatMessage(text);
        }

        return message.Role == ChatRole.Assistant ? new AssistantChatMessage(text) : new UserChatMessage(text);
    }

    private static ChatCompletionOptions ToOpenAI(ChatOptions? options)
    {
        var result = new ChatCompletionOptions();
        if (options is null)
        {
            return result;
        }

        result.Temperature = options.Temperature;
        result.TopP = options.TopP;
        result.MaxOutputTokenCount = options.MaxOutputTokens;
        result.ResponseFormat = options.ResponseFormat switch
        {
            ChatResponseFormatJson { Schema: { } schema } json => OpenAI.Chat.ChatResponseFormat.CreateJsonSchemaFormat(
                json.SchemaName ?? "answer", BinaryData.FromString(schema.GetRawText()), json.SchemaDescription, jsonSchemaIsStrict: false),
            ChatResponseFormatJson => OpenAI.Chat.ChatResponseFormat.CreateJsonObjectFormat(),
            AIChatResponseFormat => null,
            _ => null,
        };
        return result;
    }

    private static Microsoft.Extensions.AI.ChatFinishReason? ToFinishReason(OpenAI.Chat.ChatFinishReason reason) => reason switch
    {
        OpenAI.Chat.ChatFinishReason.Stop => Microsoft.Extensions.AI.ChatFinishReason.Stop,
        OpenAI.Chat.ChatFinishReason.Length => Microsoft.Extensions.AI.ChatFinishReason.Length,
        OpenAI.Chat.ChatFinishReason.ContentFilter => Microsoft.Extensions.AI.ChatFinishReason.ContentFilter,
        OpenAI.Chat.ChatFinishReason.ToolCalls or OpenAI.Chat.ChatFinishReason.FunctionCall => Microsoft.Extensions.AI.ChatFinishReason.ToolCalls,
        _ => null,
    };

    private static UsageDetails? ToUsage(ChatTokenUsage? usage) => usage is null ? null : new UsageDetails
    {
        InputTokenCount = usage.InputTokenCount,
        OutputTokenCount = usage.OutputTokenCount,
        TotalTokenCount = usage.TotalTokenCount,
        CachedInputTokenCount = usage.InputTokenDetails?.CachedTokenCount,
        ReasoningTokenCount = usage.OutputTokenDetails?.ReasoningTokenCount,
    };
}
