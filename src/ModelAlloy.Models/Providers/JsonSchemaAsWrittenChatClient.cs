using Microsoft.Extensions.AI;
using OpenAI.Chat;
using ChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace ModelAlloy.Models;

/// <summary>
/// Sends the request's JSON Schema to an OpenAI-shaped endpoint as written and non-strict, as a <c>json_schema</c>
/// response format. Left to itself M.E.AI.OpenAI rewrites the schema into OpenAI's strict subset (every property
/// required, no additional properties, pattern/format/length moved into descriptions), which changes what a
/// schema-guided OpenAI-compatible server enforces; the gateway validates the answer against the schema as written.
/// </summary>
internal sealed class JsonSchemaAsWrittenChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    /// <summary>The schema name sent when the request names none.</summary>
    internal const string DefaultSchemaName = "answer";

    public override Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetResponseAsync(messages, WithSchemaAsWritten(options), cancellationToken);

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetStreamingResponseAsync(messages, WithSchemaAsWritten(options), cancellationToken);

    // M.E.AI keeps a response format that the raw-options factory already set, and calls the factory once per
    // request (it fills in what it gets, hence a new instance each time). The caller's options are left untouched.
    private static ChatOptions? WithSchemaAsWritten(ChatOptions? options)
    {
        if (options?.ResponseFormat is not ChatResponseFormatJson { Schema: { } schema } json)
        {
            return options;
        }

        ChatOptions copy = options.Clone();
        Func<IChatClient, object?>? callerFactory = options.RawRepresentationFactory;
        BinaryData schemaBytes = BinaryData.FromString(schema.GetRawText());
        copy.RawRepresentationFactory = client =>
        {
            ChatCompletionOptions completion = callerFactory?.Invoke(client) as ChatCompletionOptions ?? new ChatCompletionOptions();
            completion.ResponseFormat ??= OpenAI.Chat.ChatResponseFormat.CreateJsonSchemaFormat(
                json.SchemaName ?? DefaultSchemaName, schemaBytes, json.SchemaDescription, jsonSchemaIsStrict: false);
            return completion;
        };
        return copy;
    }
}
