using System.Text.Json;
using System.Text.Json.Serialization;
using ModelAlloy.Durable.History;

namespace ModelAlloy.Durable.AzureStorage;

/// <summary>
/// The JSON body of every queue message: an orchestration message or an activity request, the instance it is for,
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
    public OrchestrationMessage? Message { get; init; }

    [JsonPropertyName("a")]
    public ActivityRequest? Activity { get; init; }

    [JsonPropertyName("t")]
    public string? TraceId { get; init; }

    /// <summary>Re-sends so far; with the queue's dequeue count this bounds poison retries across re-sends.</summary>
    [JsonPropertyName("n")]
    public int Resends { get; init; }

    [JsonPropertyName("b")]
    public string? PayloadBlob { get; init; }

    [JsonIgnore]
    public bool IsActivity => Activity is not null;

    /// <summary>A stable id for logs, poison rows and duplicate detection.</summary>
    [JsonIgnore]
    public string Id => Activity?.MessageId ?? Message?.MessageId ?? PayloadBlob ?? "";

    public static MessageEnvelope For(OrchestrationMessage message, string? traceId) =>
        new() { InstanceId = message.InstanceId, Message = message, TraceId = traceId ?? TraceIdOf(message.Event) };

    public static MessageEnvelope For(ActivityRequest request) =>
        new() { InstanceId = request.InstanceId, Activity = request, TraceId = request.TraceId };

    public string Serialize() => JsonSerializer.Serialize(this, Json);

    public static MessageEnvelope Parse(string text)
    {
        try
        {
            var envelope = JsonSerializer.Deserialize<MessageEnvelope>(text, Json);
            if (envelope is not null && (envelope.Message is null) != (envelope.Activity is null) || envelope?.PayloadBlob is not null)
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
