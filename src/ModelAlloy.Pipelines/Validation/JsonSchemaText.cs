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

    private static string? Check(string text)
    {
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
}
