using System.Text.Json;
using System.Text.Json.Serialization;
using ModelAlloy.Durable.History;

namespace ModelAlloy.Durable.AzureStorage;

/// <summary>
/// The JSON body of every queue message: orchestration messages (several results batched into one queue message
/// for fan-in) or activity requests (a pack, so a fan-out is one queue message rather than one per activity), the instance they are for,
/// a trace id for telemetry correlation, how many times it was re-sent (single-message mode and deferrals), and,
/// when the body was too large for a queue message, the blob holding it.
/// </summary>
internal sealed record MessageEnvelope
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    [JsonPropertyName("i")]
    public required string InstanceId { get; init; }

    [JsonPropertyName("m")]
    public IReadOnlyList<OrchestrationMessage>? Messages { get; init; }

    [JsonPropertyName("a")]
    public IReadOnlyList<ActivityRequest>? Activities { get; init; }

    /// <summary>The first (usually only) orchestration message.</summary>
    [JsonIgnore]
    public OrchestrationMessage? Message => Messages is { Count: > 0 } m ? m[0] : null;

    [JsonPropertyName("t")]
    public string? TraceId { get; init; }

    /// <summary>Re-sends so far; with the queue's dequeue count this bounds poison retries across re-sends.</summary>
    [JsonPropertyName("n")]
    public int Resends { get; init; }

    [JsonPropertyName("b")]
    public string? PayloadBlob { get; init; }

    /// <summary>
    /// When the message was first deferred (a result that overtook its task's checkpoint). Deferrals are not
    /// deliveries: they are bounded by <see cref="AzureStorageBackendOptions.DeferredMessageTimeout"/> instead.
    /// </summary>
    [JsonPropertyName("d")]
    public DateTime? DeferredSince { get; init; }

    [JsonIgnore]
    public bool IsActivity => Activities is not null;

    /// <summary>A stable id for logs, poison rows and recorded errors.</summary>
    [JsonIgnore]
    public string Id => (Activities is { Count: > 0 } a ? a[0].MessageId + (a.Count > 1 ? $"+{a.Count - 1}" : "") : null)
        ?? (Messages is { Count: > 0 } m ? m[0].MessageId + (m.Count > 1 ? $"+{m.Count - 1}" : "") : null)
        ?? PayloadBlob ?? "";

    public static MessageEnvelope For(OrchestrationMessage message, string? traceId) =>
        new() { InstanceId = message.InstanceId, Messages = [message], TraceId = traceId ?? TraceIdOf(message.Event) };

    /// <summary>Several messages for one instance in one queue message.</summary>
    public static MessageEnvelope For(IReadOnlyList<OrchestrationMessage> messages, string? traceId) =>
        new() { InstanceId = messages[0].InstanceId, Messages = messages, TraceId = traceId };

    /// <summary>A pack of activity requests of one instance in one queue message.</summary>
    public static MessageEnvelope For(IReadOnlyList<ActivityRequest> requests) =>
        new() { InstanceId = requests[0].InstanceId, Activities = requests, TraceId = requests[0].TraceId };

    public string Serialize() => JsonSerializer.Serialize(this, Json);

    public static MessageEnvelope Parse(string text)
    {
        try
        {
            var envelope = JsonSerializer.Deserialize<MessageEnvelope>(text, Json);
            if (envelope is not null && ((envelope.Messages is { Count: > 0 }) != (envelope.Activities is { Count: > 0 }) || envelope.PayloadBlob is not null))
            {
                return envelope;
            }
        }
        catch (JsonException)
        {
        }

        throw new FormatException("The queue message is not a ModelAlloy work message (expected JSON with 'i' and either 'm' or 'a').");
    }

    private static string? TraceIdOf(HistoryEvent historyEvent) => historyEvent is ExecutionStarted started ? started.TraceId : null;
}
