using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ModelAlloy.Samples.Generator;

/// <summary>Writes items as JSONL in the evaluation dataset format: id, input, reference, labels, metadata.</summary>
internal static class JsonlFile
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    public static JsonObject Item(string id, JsonNode input, JsonNode? reference, IEnumerable<string> labels, IEnumerable<(string Key, string Value)> metadata)
    {
        var meta = new JsonObject();
        foreach ((string key, string value) in metadata)
        {
            meta[key] = value;
        }

        var item = new JsonObject { ["id"] = id, ["input"] = input };
        if (reference is not null)
        {
            item["reference"] = reference;
        }

        var labelArray = new JsonArray();
        foreach (string label in labels)
        {
            labelArray.Add(label);
        }

        if (labelArray.Count > 0)
        {
            item["labels"] = labelArray;
        }

        item["metadata"] = meta;
        return item;
    }

    public static void Write(string path, IEnumerable<JsonObject> items)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var text = new StringBuilder();
        foreach (JsonObject item in items)
        {
            text.Append(item.ToJsonString(Options)).Append('\n');
        }

        File.WriteAllText(path, text.ToString(), new UTF8Encoding(false));
    }
}
