using System.Text.Json;

namespace ModelAlloy.Evaluation.Datasets;

/// <summary>One dataset item: what goes in, what a good answer looks like, and what it is about.</summary>
public sealed class EvalItem
{
    /// <summary>Gets the item's id (from the line's <c>id</c>, else <c>line-{n}</c>).</summary>
    public required string Id { get; init; }

    /// <summary>Gets the input: the line's <c>input</c> string, or the raw JSON text when <c>input</c> is an object.</summary>
    public required string Input { get; init; }

    /// <summary>Gets the reference answer as JSON, or null when the line has none.</summary>
    public JsonElement? Reference { get; init; }

    /// <summary>Gets the reference as text: the string itself, or the raw JSON of a number, object or array; null when absent.</summary>
    public string? ReferenceText => Reference switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } r => r.GetString(),
        { } r => r.GetRawText(),
    };

    /// <summary>Gets the expected labels (for classification items); empty when none.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>Gets free-form metadata (task type, pipeline, difficulty, ...); values are strings.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the 1-based line the item came from.</summary>
    public int Line { get; init; }
}
