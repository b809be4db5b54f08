using System.Text.Json;

namespace ModelAlloy.Api.Runs;

/// <summary>
/// The body of <c>POST /api/pipelines/{name}/runs</c>: <c>{"input": "text"}</c> or <c>{"input": {...}}</c> (an object
/// is passed on as its JSON text, which field rules read), and optionally the client's own <c>"instanceId"</c>.
/// </summary>
/// <param name="Input">The run's input text.</param>
/// <param name="InstanceId">The client's instance id, or null.</param>
internal sealed record RunRequest(string Input, string? InstanceId)
{
    public const string Example = """{"input": "..."}""";

    /// <summary>The longest client instance id (Durable Functions' limit).</summary>
    public const int MaxInstanceIdLength = 100;

    /// <summary>Reads the request, or says which fields are wrong.</summary>
    public static (RunRequest? Request, Dictionary<string, string[]> Errors) Read(JsonElement body)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        string? input = null, instanceId = null;
        bool seenInput = false;
        foreach (JsonProperty property in body.EnumerateObject())
        {
            switch (property.Name)
            {
                case "input":
                    seenInput = true;
                    input = ReadInput(property.Value, errors);
                    break;
                case "instanceId":
                    instanceId = ReadInstanceId(property.Value, errors);
                    break;
                default:
                    errors[property.Name] = ["is not a field of a run request; send \"input\" and optionally \"instanceId\""];
                    break;
            }
        }

        if (!seenInput)
        {
            errors["input"] = ["is required: a string, or a JSON object for pipelines whose rules read fields"];
        }

        return (errors.Count == 0 ? new RunRequest(input!, instanceId) : null, errors);
    }

    /// <summary>Whether <paramref name="id"/> can be an instance id: 1–100 letters, digits, '-', '_', '.' or ':'.</summary>
    public static bool IsValidInstanceId(string id) =>
        id.Length is > 0 and <= MaxInstanceIdLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');

    private static string? ReadInput(JsonElement value, Dictionary<string, string[]> errors)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String when string.IsNullOrWhiteSpace(value.GetString()):
                errors["input"] = ["must not be blank"];
                return null;
            case JsonValueKind.String:
                return value.GetString();
            case JsonValueKind.Object:
                return value.GetRawText();
            default:
                errors["input"] = [$"must be a string or a JSON object, not {Http.ApiJson.Describe(value.ValueKind)}"];
                return null;
        }
    }

    private static string? ReadInstanceId(JsonElement value, Dictionary<string, string[]> errors)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || !IsValidInstanceId(value.GetString()!))
        {
            errors["instanceId"] = [$"must be 1–{MaxInstanceIdLength} letters, digits, '-', '_', '.' or ':'"];
            return null;
        }

        return value.GetString();
    }
}
