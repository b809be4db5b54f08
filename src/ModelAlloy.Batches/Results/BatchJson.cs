using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelAlloy.Batches.Results;

/// <summary>The one JSON shape of results, summaries and queue messages: camelCase, nulls left out, readable text.</summary>
public static class BatchJson
{
    /// <summary>Gets the serializer options (one line per value).</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Gets the options for a document a person reads (the summary): indented.</summary>
    public static JsonSerializerOptions Indented { get; } = new(Options) { WriteIndented = true };
}
