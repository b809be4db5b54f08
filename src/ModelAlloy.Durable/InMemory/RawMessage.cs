using System.Text.Json;
using ModelAlloy.Durable.History;

namespace ModelAlloy.Durable.InMemory;

/// <summary>The JSON form of a queued message in single-message (external delivery) mode.</summary>
internal sealed record RawMessage(OrchestrationMessage? Message, ActivityRequest? Activity, int DeliveryCount)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public string Serialize() => JsonSerializer.Serialize(this, Options);

    public static RawMessage Parse(string raw)
    {
        try
        {
            var parsed = JsonSerializer.Deserialize<RawMessage>(raw, Options);
            if (parsed is not null && (parsed.Message is null) != (parsed.Activity is null))
            {
                return parsed;
            }
        }
        catch (JsonException)
        {
        }

        throw new FormatException("The queue message is not a ModelAlloy work message (expected JSON with either 'message' or 'activity').");
    }
}
