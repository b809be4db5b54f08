using System.Text.Json;

namespace ModelAlloy.Evaluation.SideBySide;

/// <summary>
/// The single-model baselines: for each catalog model, a one-stage chain pipeline <c>baseline-{model}</c> whose only
/// step calls that model with the prompt template (default <c>{{input}}</c>), written as a definition file. Given the
/// routes of a routed dataset, the step classifies instead: it names one route under a JSON Schema
/// (<c>{"route": one of the routes}</c>), so the model alone is scored on the same decision as a pipeline's router.
/// </summary>
public static class BaselinePipelines
{
    /// <summary>The prompt template used when none is given.</summary>
    public const string DefaultPrompt = "{{input}}";

    /// <summary>Returns the generated pipeline's name for a model.</summary>
    /// <param name="model">The catalog model id.</param>
    /// <returns>The pipeline name.</returns>
    public static string NameFor(string model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        return "baseline-" + new string(model.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? char.ToLowerInvariant(c) : '-').ToArray());
    }

    /// <summary>The prompt template of a classifying baseline (<c>{routes}</c> is replaced by the routes).</summary>
    public const string RoutePrompt = "Route this request to exactly one of: {routes}. Reply with JSON {\"route\": \"...\"}.\n\nRequest:\n{{input}}";

    /// <summary>Returns the definition JSON of a model's baseline.</summary>
    /// <param name="model">The catalog model id.</param>
    /// <param name="prompt">The step's prompt template; null uses <see cref="DefaultPrompt"/> (or <see cref="RoutePrompt"/> with routes).</param>
    /// <param name="routes">The routes a classifying baseline chooses from; null or empty for an answering baseline.</param>
    /// <returns>The pipeline definition.</returns>
    public static string Definition(string model, string? prompt = null, IReadOnlyList<string>? routes = null)
    {
        var step = new Dictionary<string, object> { ["model"] = model, ["taskType"] = "baseline" };
        if (routes is { Count: > 0 })
        {
            step["prompt"] = (prompt ?? RoutePrompt).Replace("{routes}", string.Join(", ", routes), StringComparison.Ordinal);
            step["jsonSchema"] = new Dictionary<string, object>
            {
                ["type"] = "object",
                ["additionalProperties"] = false,
                ["required"] = new[] { "route" },
                ["properties"] = new Dictionary<string, object> { ["route"] = new Dictionary<string, object> { ["type"] = "string", ["enum"] = routes } },
            };
            step["taskType"] = "classify";
        }
        else
        {
            step["prompt"] = prompt ?? DefaultPrompt;
        }

        return Serialize(model, step);
    }

    private static string Serialize(string model, Dictionary<string, object> step) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["name"] = NameFor(model),
        ["description"] = $"Generated single-model baseline: every item to {model} alone.",
        ["stages"] = new object[]
        {
            new Dictionary<string, object>
            {
                ["id"] = "answer",
                ["kind"] = "chain",
                ["steps"] = new object[] { step },
            },
        },
    }, new JsonSerializerOptions { WriteIndented = true });

    /// <summary>Writes one baseline file per model into <paramref name="folder"/>.</summary>
    /// <param name="folder">The definitions folder.</param>
    /// <param name="models">The catalog models.</param>
    /// <param name="prompt">The step's prompt template.</param>
    /// <param name="routes">The routes of a classifying baseline, or null.</param>
    /// <returns>The baselines, in model order.</returns>
    public static IReadOnlyList<EvalSystem> Write(string folder, IEnumerable<string> models, string? prompt = null, IReadOnlyList<string>? routes = null)
    {
        ArgumentNullException.ThrowIfNull(models);
        var systems = new List<EvalSystem>();
        foreach (string model in models)
        {
            EvalSystem system = EvalSystem.Baseline(model);
            File.WriteAllText(Path.Combine(folder, system.Pipeline + ".json"), Definition(model, prompt, routes));
            systems.Add(system);
        }

        return systems;
    }
}
