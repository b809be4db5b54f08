using System.Text.Json;

namespace ModelAlloy.Batches.Queue;

/// <summary>Reads a <see cref="BatchMessage"/> from a queue message's text, or says in one line what is wrong with it.</summary>
public static class BatchMessageReader
{
    /// <summary>The longest batch id.</summary>
    public const int MaxBatchIdLength = 64;

    private const string Shapes = "send {\"batchId\",\"pipeline\",\"item\":{\"id\",\"input\"}} or {\"batchId\",\"pipeline\",\"blob\":\"container/path.jsonl\"} or {\"batchId\",\"pipeline\",\"summarize\":true}";

    /// <summary>Reads a message.</summary>
    /// <param name="text">The message text (JSON).</param>
    /// <param name="message">The message, when valid.</param>
    /// <param name="reason">What is wrong, when not.</param>
    /// <returns>True when valid.</returns>
    public static bool TryRead(string? text, out BatchMessage? message, out string? reason)
    {
        message = null;
        reason = Check(text, ref message);
        return reason is null;
    }

    private static string? Check(string? text, ref BatchMessage? message)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return $"the message is empty; {Shapes}";
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            return $"the message is not JSON ({ex.Message.Split(" Path:")[0].TrimEnd('.')}); {Shapes}";
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return $"the message is not a JSON object; {Shapes}";
            }

            string? batchId = String(root, "batchId");
            string? pipeline = String(root, "pipeline");
            if (batchId is null || pipeline is null)
            {
                return $"'{(batchId is null ? "batchId" : "pipeline")}' is missing or not a non-empty string; {Shapes}";
            }

            if (batchId.Length > MaxBatchIdLength)
            {
                return $"'batchId' is longer than {MaxBatchIdLength} characters";
            }

            bool hasItem = root.TryGetProperty("item", out JsonElement item);
            string? blob = String(root, "blob");
            bool summarize = root.TryGetProperty("summarize", out JsonElement flag) && flag.ValueKind == JsonValueKind.True;
            if ((hasItem ? 1 : 0) + (blob is null ? 0 : 1) + (summarize ? 1 : 0) != 1)
            {
                return $"give exactly one of 'item', 'blob' or 'summarize'; {Shapes}";
            }

            if (blob is not null && (blob.IndexOf('/', StringComparison.Ordinal) is <= 0 || blob.EndsWith('/')))
            {
                return $"'blob' must be \"container/path.jsonl\", not \"{blob}\"";
            }

            Items.BatchItem? batchItem = null;
            if (hasItem)
            {
                string? problem = ReadItem(item, out batchItem);
                if (problem is not null)
                {
                    return problem;
                }
            }

            message = new BatchMessage { BatchId = batchId, Pipeline = pipeline, Item = batchItem, Blob = blob, Summarize = summarize };
            return null;
        }
    }

    private static string? ReadItem(JsonElement item, out Items.BatchItem? batchItem)
    {
        batchItem = null;
        if (item.ValueKind != JsonValueKind.Object)
        {
            return "'item' must be an object {\"id\": \"...\", \"input\": \"...\"}";
        }

        string? id = item.TryGetProperty("id", out JsonElement idElement) && idElement.ValueKind == JsonValueKind.Number ? idElement.GetRawText() : String(item, "id");
        if (id is null)
        {
            return "'item.id' is missing or not a non-empty string";
        }

        string? input = item.TryGetProperty("input", out JsonElement inputElement) && inputElement.ValueKind == JsonValueKind.Object ? inputElement.GetRawText() : String(item, "input");
        if (input is null)
        {
            return "'item.input' is missing or empty; give the text (or an object) the pipeline receives";
        }

        batchItem = new Items.BatchItem(id, input);
        return null;
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString()) ? value.GetString() : null;
}
