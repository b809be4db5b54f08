using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelAlloy.Api.Http;

/// <summary>How the API writes JSON on every host: camelCase, enums as text, nulls left out.</summary>
internal static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public static JsonDocumentOptions DocumentOptions { get; } = new() { MaxDepth = 32 };

    /// <summary>Describes a JSON value's kind for an error message ("a number", "an array").</summary>
    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.Number => "a number",
        JsonValueKind.String => "a string",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };
}
