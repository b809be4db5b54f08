using System.Text.Json;

namespace ModelAlloy.Models.Tests.Fakes;

/// <summary>Anthropic Messages API wire bodies for the fake server.</summary>
public static class AnthropicWire
{
    public static ScriptedResponse Message(string text, int inputTokens = 20, int outputTokens = 7, string stopReason = "end_turn") =>
        new(200, JsonSerializer.Serialize(new
        {
            id = "msg_fake",
            type = "message",
            role = "assistant",
            model = "claude-fake",
            content = new object[] { new { type = "text", text } },
            stop_reason = stopReason,
            stop_sequence = (string?)null,
            usage = new { input_tokens = inputTokens, output_tokens = outputTokens, cache_read_input_tokens = 0, cache_creation_input_tokens = 0 },
        }));

    public static ScriptedResponse Error(int status, string type, string message) =>
        new(status, JsonSerializer.Serialize(new { type = "error", error = new { type, message } }));
}
