using System.Text.Json;

namespace ModelAlloy.Evaluation.Datasets;

/// <summary>
/// Reads JSONL datasets: one JSON object per line with <c>input</c> (required: a string or an object),
/// <c>reference</c> (optional: any JSON), <c>labels</c> (optional: array of strings), <c>metadata</c> (optional: object
/// of string, number or boolean values) and <c>id</c> (optional: a unique string). Blank lines are skipped. The first bad
/// line stops the read with a <see cref="DatasetFormatException"/> naming the line and the field.
/// </summary>
public static class JsonlDatasetReader
{
    private static readonly string[] KnownFields = ["id", "input", "reference", "labels", "metadata"];

    /// <summary>Loads a dataset from a file.</summary>
    /// <param name="path">The .jsonl file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The dataset.</returns>
    /// <exception cref="DatasetFormatException">A line is not a usable item.</exception>
    public static async Task<EvalDataset> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(path);
        string name = Path.GetFileName(path);
        return new EvalDataset(name, await ReadAsync(reader, name, cancellationToken));
    }

    /// <summary>Reads items from text.</summary>
    /// <param name="reader">The JSONL text.</param>
    /// <param name="source">The name used in error messages.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The items.</returns>
    /// <exception cref="DatasetFormatException">A line is not a usable item.</exception>
    public static async Task<IReadOnlyList<EvalItem>> ReadAsync(TextReader reader, string source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var items = new List<EvalItem>();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        int line = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            EvalItem item = Parse(text, source, line);
            if (ids.TryGetValue(item.Id, out int first))
            {
                throw new DatasetFormatException(source, line, "id", $"'{item.Id}' is already the id of line {first}; give every item a unique id");
            }

            ids[item.Id] = line;
            items.Add(item);
        }

        return items;
    }

    private static EvalItem Parse(string text, string source, int line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new DatasetFormatException(source, line, null, $"not valid JSON ({ex.Message.Split(" Path:")[0].TrimEnd('.')}); write one JSON object per line");
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new DatasetFormatException(source, line, null, $"{Kind(root)}, not an object; write one object per line like {{\"input\": \"...\", \"reference\": \"...\"}}");
            }

            foreach (JsonProperty property in root.EnumerateObject())
            {
                if (!KnownFields.Contains(property.Name, StringComparer.Ordinal))
                {
                    throw new DatasetFormatException(source, line, property.Name, $"unknown field; use {string.Join(", ", KnownFields)} (put anything else under metadata)");
                }
            }

            return new EvalItem
            {
                Id = Id(root, source, line),
                Input = Input(root, source, line),
                Reference = root.TryGetProperty("reference", out JsonElement reference) && reference.ValueKind != JsonValueKind.Null ? reference.Clone() : null,
                Labels = Labels(root, source, line),
                Metadata = Metadata(root, source, line),
                Line = line,
            };
        }
    }

    private static string Id(JsonElement root, string source, int line)
    {
        if (!root.TryGetProperty("id", out JsonElement id))
        {
            return $"line-{line}";
        }

        return id.ValueKind switch
        {
            JsonValueKind.String when !string.IsNullOrWhiteSpace(id.GetString()) => id.GetString()!,
            JsonValueKind.Number => id.GetRawText(),
            _ => throw new DatasetFormatException(source, line, "id", $"{Kind(id)}; write a non-empty string or a number, or leave it out"),
        };
    }

    private static string Input(JsonElement root, string source, int line)
    {
        if (!root.TryGetProperty("input", out JsonElement input))
        {
            throw new DatasetFormatException(source, line, "input", "missing; every item needs an input (a string, or an object for structured inputs)");
        }

        return input.ValueKind switch
        {
            JsonValueKind.String when !string.IsNullOrWhiteSpace(input.GetString()) => input.GetString()!,
            JsonValueKind.String => throw new DatasetFormatException(source, line, "input", "empty; write the text the system under test receives"),
            JsonValueKind.Object => input.GetRawText(),
            _ => throw new DatasetFormatException(source, line, "input", $"{Kind(input)}; write a string or an object"),
        };
    }

    private static string[] Labels(JsonElement root, string source, int line)
    {
        if (!root.TryGetProperty("labels", out JsonElement labels) || labels.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (labels.ValueKind == JsonValueKind.String)
        {
            throw new DatasetFormatException(source, line, "labels", $"a string; write an array of strings, e.g. [\"{labels.GetString()}\"]");
        }

        if (labels.ValueKind != JsonValueKind.Array)
        {
            throw new DatasetFormatException(source, line, "labels", $"{Kind(labels)}; write an array of strings");
        }

        var result = new List<string>();
        int index = 0;
        foreach (JsonElement label in labels.EnumerateArray())
        {
            if (label.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(label.GetString()))
            {
                throw new DatasetFormatException(source, line, $"labels[{index}]", $"{Kind(label)}; every label is a non-empty string");
            }

            result.Add(label.GetString()!);
            index++;
        }

        return result.ToArray();
    }

    private static Dictionary<string, string> Metadata(JsonElement root, string source, int line)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!root.TryGetProperty("metadata", out JsonElement metadata) || metadata.ValueKind == JsonValueKind.Null)
        {
            return result;
        }

        if (metadata.ValueKind != JsonValueKind.Object)
        {
            throw new DatasetFormatException(source, line, "metadata", $"{Kind(metadata)}; write an object such as {{\"taskType\": \"billing\"}}");
        }

        foreach (JsonProperty property in metadata.EnumerateObject())
        {
            result[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString()!,
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => property.Value.GetRawText(),
                _ => throw new DatasetFormatException(source, line, $"metadata.{property.Name}", $"{Kind(property.Value)}; metadata values are strings, numbers or booleans"),
            };
        }

        return result;
    }

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "a value",
    };
}
