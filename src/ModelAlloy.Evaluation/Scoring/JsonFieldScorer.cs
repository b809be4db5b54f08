using System.Text.Json;
using ModelAlloy.Evaluation.Datasets;

namespace ModelAlloy.Evaluation.Scoring;

/// <summary>
/// For structured outputs: parses the output as JSON and compares the field at <paramref name="path"/> (dotted,
/// e.g. <c>ticket.category</c>) with the same field of the reference, or with the whole reference when it is not an
/// object. Strings compare trimmed and case-insensitively; numbers by value; other JSON by its compact text.
/// </summary>
/// <param name="path">The dotted field path.</param>
public sealed class JsonFieldScorer(string path) : IScorer
{
    private readonly string[] _segments = string.IsNullOrWhiteSpace(path)
        ? throw new ArgumentException("a JSON field path is required, e.g. 'category' or 'ticket.priority'", nameof(path))
        : path.Split('.');

    /// <inheritdoc />
    public string Name => $"json-field:{path}";

    /// <inheritdoc />
    public ValueTask<Score> ScoreAsync(EvalItem item, string output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(output);
        if (item.Reference is not { } reference)
        {
            return ValueTask.FromResult(Score.Fail($"item {item.Id} has no reference"));
        }

        JsonElement expected = reference;
        if (reference.ValueKind == JsonValueKind.Object)
        {
            if (Find(reference) is not { } field)
            {
                return ValueTask.FromResult(Score.Fail($"item {item.Id}'s reference has no field '{path}'"));
            }

            expected = field;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(output);
        }
        catch (JsonException)
        {
            return ValueTask.FromResult(Score.Fail($"output is not JSON: {TextNormalizer.Quote(output)}"));
        }

        using (document)
        {
            if (Find(document.RootElement) is not { } got)
            {
                return ValueTask.FromResult(Score.Fail($"output has no field '{path}'"));
            }

            return ValueTask.FromResult(Equal(got, expected)
                ? Score.Pass($"{path} = {got.GetRawText()}")
                : Score.Fail($"{path}: expected {expected.GetRawText()}, got {got.GetRawText()}"));
        }
    }

    private JsonElement? Find(JsonElement element)
    {
        foreach (string segment in _segments)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(segment, out element))
            {
                return null;
            }
        }

        return element;
    }

    private static bool Equal(JsonElement a, JsonElement b) => (a.ValueKind, b.ValueKind) switch
    {
        (JsonValueKind.String, JsonValueKind.String) =>
            string.Equals(a.GetString()!.Trim(), b.GetString()!.Trim(), StringComparison.OrdinalIgnoreCase),
        (JsonValueKind.Number, JsonValueKind.Number) => a.GetDouble() == b.GetDouble(),
        _ => JsonSerializer.Serialize(a) == JsonSerializer.Serialize(b),
    };
}
