using System.ClientModel;
using System.Text.Json;
using Anthropic.Exceptions;

namespace ModelAlloy.Models;

/// <summary>
/// Turns what a provider SDK threw into a <see cref="ModelCallFailure"/>: 429 / 5xx / timeouts / unreadable bodies
/// are transient; context-length, content-filter, auth and bad-request errors move down the chain.
/// Returns null for exceptions that are not provider failures (bugs), which the caller lets propagate.
/// </summary>
internal static class FailureClassifier
{
    private const int MaxMessageLength = 400;

    private static readonly string[] ContextMarkers =
        ["context_length_exceeded", "maximum context length", "context window", "prompt is too long", "too many tokens", "string_above_max_length"];

    private static readonly string[] FilterMarkers =
        ["content_filter", "content management policy", "responsibleaipolicyviolation", "content_policy_violation", "safety system"];

    public static ModelCallFailure? Classify(Exception exception, ProviderResponseCapture? capture, SecretRedactor redactor)
    {
        TimeSpan? retryAfter = capture?.RetryAfter;
        return exception switch
        {
            SimulatedProviderException s => FromStatus(s.StatusCode, s.Message, s.RetryAfter, redactor),
            ClientResultException { Status: > 0 } c => FromStatus(c.Status, ReadBody(c), retryAfter, redactor),
            AnthropicApiException a => FromStatus((int)a.StatusCode, a.ResponseBody ?? a.Message, retryAfter, redactor),
            OperationCanceledException or TimeoutException =>
                new ModelCallFailure(ModelFailureKind.Timeout, "no answer within the timeout"),
            ClientResultException or HttpRequestException or IOException or AnthropicIOException =>
                new ModelCallFailure(ModelFailureKind.ServerError, "connection failed: " + Trim(redactor.Redact(exception.Message))),
            JsonException or FormatException or AnthropicInvalidDataException or InvalidOperationException or KeyNotFoundException or ArgumentException =>
                new ModelCallFailure(ModelFailureKind.MalformedResponse, "unreadable response: " + Trim(redactor.Redact(exception.Message)), capture?.StatusCode),
            _ => null,
        };
    }

    internal static ModelCallFailure FromStatus(int status, string? body, TimeSpan? retryAfter, SecretRedactor redactor)
    {
        string detail = Trim(redactor.Redact(ExtractMessage(body)));
        string message = $"HTTP {status}: {detail}";
        string lowered = (body ?? string.Empty).ToLowerInvariant();
        ModelFailureKind kind = status switch
        {
            429 when lowered.Contains("insufficient_quota", StringComparison.Ordinal) => ModelFailureKind.Unauthorized,
            429 => ModelFailureKind.RateLimited,
            408 => ModelFailureKind.Timeout,
            413 => ModelFailureKind.ContextLengthExceeded,
            >= 400 and < 500 when ContextMarkers.Any(lowered.Contains) => ModelFailureKind.ContextLengthExceeded,
            >= 400 and < 500 when FilterMarkers.Any(lowered.Contains) => ModelFailureKind.ContentFiltered,
            401 or 403 => ModelFailureKind.Unauthorized,
            >= 500 => ModelFailureKind.ServerError,
            _ => ModelFailureKind.BadRequest,
        };
        return new ModelCallFailure(kind, message, status, kind == ModelFailureKind.RateLimited || kind == ModelFailureKind.ServerError ? retryAfter : null);
    }

    private static string? ReadBody(ClientResultException exception)
    {
        try
        {
            return exception.GetRawResponse()?.Content?.ToString() ?? exception.Message;
        }
        catch (InvalidOperationException)
        {
            return exception.Message;
        }
    }

    // Providers wrap the message as {"error":{"message":...}} (OpenAI, Azure) or {"type":"error","error":{...}} (Anthropic).
    private static string ExtractMessage(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return "(no body)";
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("error", out JsonElement error)
                && error.ValueKind == JsonValueKind.Object)
            {
                string? code = error.TryGetProperty("code", out JsonElement c) && c.ValueKind == JsonValueKind.String ? c.GetString()
                    : error.TryGetProperty("type", out JsonElement t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                string? text = error.TryGetProperty("message", out JsonElement m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                return code is null ? text ?? body : $"{code}: {text}";
            }
        }
        catch (JsonException)
        {
            // Not JSON: report the raw text.
        }

        return body;
    }

    private static string Trim(string text) => text.Length <= MaxMessageLength ? text : text[..MaxMessageLength] + "...";
}
