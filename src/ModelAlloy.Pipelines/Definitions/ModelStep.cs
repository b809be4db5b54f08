using System.Text.Json;

namespace ModelAlloy.Pipelines.Definitions;

/// <summary>
/// One model call in a stage: who answers (a role of the catalog, or a model), the prompt template (placeholders
/// such as <c>{{input}}</c> are filled by the stage) and an optional JSON Schema the answer must satisfy.
/// </summary>
public sealed record ModelStep
{
    /// <summary>Gets the catalog role whose fallback chain answers.</summary>
    public string? Role { get; init; }

    /// <summary>Gets an explicit model id.</summary>
    public string? Model { get; init; }

    /// <summary>Gets the system message.</summary>
    public string? System { get; init; }

    /// <summary>Gets the user message template (each stage documents its placeholders and has a default).</summary>
    public string? Prompt { get; init; }

    /// <summary>Gets a JSON Schema (an object) the answer must satisfy.</summary>
    public JsonElement? JsonSchema { get; init; }

    /// <summary>Gets the task type recorded in the ledger (default: the stage's, then the step's purpose).</summary>
    public string? TaskType { get; init; }

    /// <summary>Gets the sampling temperature.</summary>
    public float? Temperature { get; init; }

    /// <summary>Gets the output token limit.</summary>
    public int? MaxOutputTokens { get; init; }
}
