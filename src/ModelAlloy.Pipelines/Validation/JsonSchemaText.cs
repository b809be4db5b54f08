using System.Collections.Concurrent;
using System.Text.Json;
using NJsonSchema;

namespace ModelAlloy.Pipelines.Validation;

/// <summary>Embedded JSON Schemas: checked with NJsonSchema (as the gateway does) and handed to the gateway as text.</summary>
internal static class JsonSchemaText
{
    private static readonly ConcurrentDictionary<string, string?> Verdicts = new(StringComparer.Ordinal);

    public static bool TryParse(JsonElement schema, out string? reason)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            reason = "a JSON Schema here is a JSON object";
            return false;
        }

        reason = Verdicts.GetOrAdd(schema.GetRawText(), Check);
        return reason is null;
    }

    private static readonly HashSet<string> TypeNames = new(["string", "number", "integer", "boolean", "object", "array", "null"], StringComparer.Ordinal);

    private static string? Check(string text)
    {
        using (JsonDocument document = JsonDocument.Parse(text))
        {
            if (CheckKeywords(document.RootElement, "#") is { } wrong)
            {
                return wrong;
            }
        }

        try
        {
            JsonSchema.FromJsonAsync(text).GetAwaiter().GetResult();
            return null;
        }
        catch (Exception ex) when (ex is Newtonsoft.Json.JsonException or InvalidOperationException or NotSupportedException or ArgumentException)
        {
            return ex.Message;
        }
    }

    // NJsonSchema reads leniently (an unknown "type" is dropped, so the schema would accept anything); the keywords
    // that shape an answer are checked here so a typo fails at load.
    private static string? CheckKeywords(JsonElement schema, string path)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return schema.ValueKind == JsonValueKind.True || schema.ValueKind == JsonValueKind.False ? null : $"{path} is not a schema (an object)";
        }

        foreach (JsonProperty keyword in schema.EnumerateObject())
        {
            string at = $"{path}/{keyword.Name}";
            string? wrong = keyword.Name switch
            {
                "type" => keyword.Value.ValueKind switch
                {
                    JsonValueKind.String when TypeNames.Contains(keyword.Value.GetString()!) => null,
                    JsonValueKind.Array when keyword.Value.EnumerateArray().All(t => t.ValueKind == JsonValueKind.String && TypeNames.Contains(t.GetString()!)) => null,
                    _ => $"{at}: {keyword.Value.GetRawText()} is not a JSON Schema type (use {string.Join(", ", TypeNames)})",
                },
                "required" when keyword.Value.ValueKind != JsonValueKind.Array || keyword.Value.EnumerateArray().Any(r => r.ValueKind != JsonValueKind.String) =>
                    $"{at}: 'required' is an array of property names",
                "properties" or "definitions" or "$defs" when keyword.Value.ValueKind != JsonValueKind.Object => $"{at}: '{keyword.Name}' is an object of schemas",
                "properties" or "definitions" or "$defs" => keyword.Value.EnumerateObject().Select(p => CheckKeywords(p.Value, $"{at}/{p.Name}")).FirstOrDefault(w => w is not null),
                "items" or "additionalProperties" or "not" when keyword.Value.ValueKind is JsonValueKind.Object => CheckKeywords(keyword.Value, at),
                "anyOf" or "oneOf" or "allOf" when keyword.Value.ValueKind != JsonValueKind.Array => $"{at}: '{keyword.Name}' is an array of schemas",
                "anyOf" or "oneOf" or "allOf" => keyword.Value.EnumerateArray().Select((s, i) => CheckKeywords(s, $"{at}/{i}")).FirstOrDefault(w => w is not null),
                _ => null,
            };
            if (wrong is not null)
            {
                return wrong;
            }
        }

        return null;
    }
}
