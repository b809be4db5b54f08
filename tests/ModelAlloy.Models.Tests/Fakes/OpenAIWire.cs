using System.Text.Json;

namespace ModelAlloy.Models.Tests.Fakes;

/// <summary>OpenAI / Azure OpenAI chat-completions wire bodies for the fake server.</summary>
public static class OpenAIWire
{
    public static ScriptedResponse Completion(string text, int? promptTokens = 12, int completionTokens = 5, int cachedTokens = 0, string finishReason = "stop")
    {
        var body = new Dictionary<string, object?>
        {
            ["id"] = "chatcmpl-fake",
            ["object"] = "chat.completion",
            ["created"] = 1_760_000_000,
            ["model"] = "fake-model",
            ["choices"] = new object[]
            {
                new { index = 0, finish_reason = finishReason, message = new { role = "assistant", content = text } },
            },
        };
        if (promptTokens is { } prompt)
        {
            body["usage"] = new
            {
                prompt_tokens = prompt,
                completion_tokens = completionTokens,
                total_tokens = prompt + completionTokens,
                prompt_tokens_details = new { cached_tokens = cachedTokens },
            };
        }

        return new ScriptedResponse(200, JsonSerializer.Serialize(body));
    }

    /// <summary>A 200 whose message is a refusal (no content, finish reason "stop"), as for a declined structured output.</summary>
    public static ScriptedResponse Refusal(string refusal) =>
        new(200, JsonSerializer.Serialize(new
        {
            id = "chatcmpl-refused",
            @object = "chat.completion",
            created = 1_760_000_000,
            model = "fake-model",
            choices = new object[] { new { index = 0, finish_reason = "stop", message = new { role = "assistant", content = (string?)null, refusal } } },
            usage = new { prompt_tokens = 12, completion_tokens = 5, total_tokens = 17 },
        }));

    /// <summary>A streamed (server-sent events) answer: one chunk per text delta, then the finish reason, then [DONE].</summary>
    public static ScriptedResponse Stream(IEnumerable<string> deltas, string deltaField = "content", string finishReason = "stop")
    {
        static string Chunk(object delta, string? finish) => "data: " + JsonSerializer.Serialize(new
        {
            id = "chatcmpl-stream",
            @object = "chat.completion.chunk",
            created = 1_760_000_000,
            model = "fake-model",
            choices = new object[] { new { index = 0, delta, finish_reason = finish } },
        }) + "\n\n";

        var body = new System.Text.StringBuilder(Chunk(new { role = "assistant" }, null));
        foreach (string delta in deltas)
        {
            body.Append(Chunk(new Dictionary<string, string> { [deltaField] = delta }, null));
        }

        body.Append(Chunk(new { }, finishReason)).Append("data: [DONE]\n\n");
        return new ScriptedResponse(200, body.ToString()).WithHeader("Content-Type", "text/event-stream");
    }

    public static ScriptedResponse Error(int status, string code, string message) =>
        new(status, JsonSerializer.Serialize(new { error = new { code, message, type = "invalid_request_error" } }));

    public static ScriptedResponse RateLimited(int retryAfterSeconds) =>
        Error(429, "rate_limit_exceeded", "Rate limit reached").WithHeader("Retry-After", retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static ScriptedResponse ContextLengthExceeded() =>
        Error(400, "context_length_exceeded", "This model's maximum context length is 8192 tokens. However, your messages resulted in 9000 tokens.");

    public static ScriptedResponse ContentFiltered() =>
        Error(400, "content_filter", "The response was filtered due to the prompt triggering Azure OpenAI's content management policy.");

    public static ScriptedResponse Malformed() => new(200, "{\"id\": \"chatcmpl-broken\", \"choices\": [ {\"message\": ");
}
