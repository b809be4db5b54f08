using System.Buffers;
using System.Text.Json;
using ModelAlloy.Hosting.Samples;

namespace ModelAlloy.Functions.Starters;

/// <summary>
/// Reads a <see cref="Ticket"/> from a request body or a queue message, <c>{"id": "T-1042", "text": "..."}</c>
/// (property names in any case), and says which field is wrong when it cannot: the starters answer 400 or refuse
/// the message with these errors, so nothing invalid ever becomes an orchestration's input.
/// </summary>
internal static class TicketReader
{
    /// <summary>The largest body read (a ticket is text, not an attachment).</summary>
    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>The longest ticket text, in characters.</summary>
    public const int MaxTextLength = 32_000;

    /// <summary>The longest ticket id (it becomes part of an instance id).</summary>
    public const int MaxIdLength = 64;

    /// <summary>The name errors about the body as a whole are reported under.</summary>
    public const string BodyField = "body";

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };

    /// <summary>Reads a ticket from a stream of at most <see cref="MaxBodyBytes"/>.</summary>
    /// <param name="body">The body.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The ticket, or the errors by field.</returns>
    public static async Task<TicketReadResult> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(MaxBodyBytes + 1);
        try
        {
            int length = 0, read;
            while (length <= MaxBodyBytes && (read = await body.ReadAsync(buffer.AsMemory(length, MaxBodyBytes + 1 - length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
            }

            return Read(buffer.AsMemory(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads a ticket from UTF-8 JSON.</summary>
    /// <param name="utf8Json">The JSON.</param>
    /// <returns>The ticket, or the errors by field.</returns>
    public static TicketReadResult Read(ReadOnlyMemory<byte> utf8Json)
    {
        if (utf8Json.IsEmpty)
        {
            return TicketReadResult.Invalid(BodyField, "is empty; send a JSON object like {\"id\": \"T-1042\", \"text\": \"...\"}");
        }

        if (utf8Json.Length > MaxBodyBytes)
        {
            return TicketReadResult.Invalid(BodyField, $"is larger than {MaxBodyBytes} bytes");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            return TicketReadResult.Invalid(BodyField, $"is not valid JSON: {ex.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return TicketReadResult.Invalid(BodyField, $"must be a JSON object like {{\"id\": \"T-1042\", \"text\": \"...\"}}, not {Describe(document.RootElement.ValueKind)}");
            }

            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            string? id = ReadString(document.RootElement, "id", errors);
            string? text = ReadString(document.RootElement, "text", errors);
            if (id is not null && !IsValidId(id))
            {
                errors["id"] = [$"must be 1–{MaxIdLength} letters, digits, '-' or '_' (got \"{Truncate(id)}\")"];
            }

            if (text is not null && string.IsNullOrWhiteSpace(text))
            {
                errors["text"] = ["must not be blank"];
            }
            else if (text is { Length: > MaxTextLength })
            {
                errors["text"] = [$"must be at most {MaxTextLength} characters (got {text.Length})"];
            }

            return errors.Count > 0 ? new TicketReadResult(null, errors) : new TicketReadResult(new Ticket(id!, text!), errors);
        }
    }

    /// <summary>Whether <paramref name="id"/> is a valid ticket id: 1–64 ASCII letters, digits, '-' or '_'.</summary>
    /// <param name="id">The id.</param>
    /// <returns>True when valid.</returns>
    public static bool IsValidId(string id) =>
        id.Length is > 0 and <= MaxIdLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string? ReadString(JsonElement root, string field, Dictionary<string, string[]> errors)
    {
        foreach (JsonProperty property in root.EnumerateObject())
        {
            if (!property.Name.Equals(field, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (property.Value.ValueKind == JsonValueKind.String)
            {
                return property.Value.GetString();
            }

            errors[field] = [$"must be a string, not {Describe(property.Value.ValueKind)}"];
            return null;
        }

        errors[field] = ["is required"];
        return null;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };

    private static string Truncate(string value) => value.Length <= MaxIdLength + 8 ? value : value[..(MaxIdLength + 8)] + "…";
}
