using System.Collections.Concurrent;
using NJsonSchema;

namespace ModelAlloy.Models;

/// <summary>Checks an answer against the request's JSON Schema (NJsonSchema); parsed schemas are cached by text.</summary>
internal static class StructuredOutputValidator
{
    private static readonly ConcurrentDictionary<string, Lazy<JsonSchema>> Schemas = new(StringComparer.Ordinal);

    /// <summary>Returns the JSON text on success, or the reason it is not acceptable.</summary>
    public static (string? Json, string? Error) Validate(string schemaJson, string answer)
    {
        JsonSchema schema = Parse(schemaJson);
        string json = StripCodeFence(answer);
        try
        {
            ICollection<NJsonSchema.Validation.ValidationError> errors = schema.Validate(json);
            if (errors.Count == 0)
            {
                return (json, null);
            }

            string details = string.Join("; ", errors.Take(5).Select(e => $"{(string.IsNullOrEmpty(e.Path) ? "#" : e.Path)}: {e.Kind}"));
            return (null, $"answer does not satisfy the JSON Schema ({errors.Count} error(s)): {details}");
        }
        catch (Newtonsoft.Json.JsonException ex)
        {
            return (null, $"answer is not valid JSON: {ex.Message}");
        }
    }

    /// <summary>Parses a schema, throwing a gateway error that says what is wrong with it.</summary>
    public static JsonSchema Parse(string schemaJson) =>
        Schemas.GetOrAdd(schemaJson, s => new Lazy<JsonSchema>(() => ParseCore(s))).Value;

    private static JsonSchema ParseCore(string schemaJson)
    {
        try
        {
            return JsonSchema.FromJsonAsync(schemaJson).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is Newtonsoft.Json.JsonException or InvalidOperationException or NotSupportedException)
        {
            throw new ModelGatewayException(ModelErrorCodes.InvalidRequest, $"the request's JsonSchema is not a valid JSON Schema: {ex.Message}", ex);
        }
    }

    // Models often wrap JSON in a Markdown fence even when asked not to; the content is still usable.
    private static string StripCodeFence(string answer)
    {
        string trimmed = answer.Trim();
        if (!trimmed.StartsWith("```", StringComparison.Ordinal))
        {
            return trimmed;
        }

        int firstLineEnd = trimmed.IndexOf('\n', StringComparison.Ordinal);
        int closing = trimmed.LastIndexOf("```", StringComparison.Ordinal);
        return firstLineEnd > 0 && closing > firstLineEnd ? trimmed[(firstLineEnd + 1)..closing].Trim() : trimmed;
    }
}
