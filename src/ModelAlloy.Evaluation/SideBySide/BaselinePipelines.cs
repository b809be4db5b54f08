using System.Text.Json;

namespace ModelAlloy.Evaluation.SideBySide;

/// <summary>
/// The single-model baselines: for each catalog model, a one-stage chain pipeline <c>baseline-{model}</c> whose only
/// step calls that model with the prompt template (default <c>{{input}}</c>), written as a definition file.
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

    /// <summary>Returns the definition JSON of a model's baseline.</summary>
    /// <param name="model">The catalog model id.</param>
    /// <param name="prompt">The step's prompt template; null uses <see cref="DefaultPrompt"/>.</param>
    /// <returns>The pipeline definition.</returns>
    public static string Definition(string model, string? prompt = null) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["name"] = NameFor(model),
        ["description"] = $"Generated single-model baseline: every item to {model} alone.",
        ["stages"] = new object[]
        {
            new Dictionary<string, object>
            {
                ["id"] = "answer",
                ["kind"] = "chain",
                ["steps"] = new object[] { new Dictionary<string, object> { ["model"] = model, ["prompt"] = prompt ?? DefaultPrompt, ["taskType"] = "baseline" } },
            },
        },
    }, new JsonSerializerOptions { WriteIndented = true });

    /// <summary>Writes one baseline file per model into <paramref name="folder"/>.</summary>
    /// <param name="folder">The definitions folder.</param>
    /// <param name="models">The catalog models.</param>
    /// <param name="prompt">The step's prompt template.</param>
    /// <returns>The baselines, in model order.</returns>
    public static IReadOnlyList<EvalSystem> Write(string folder, IEnumerable<string> models, string? prompt = null)
    {
        ArgumentNullException.ThrowIfNull(models);
        var systems = new List<EvalSystem>();
        foreach (string model in models)
        {
            EvalSystem system = EvalSystem.Baseline(model);
            File.WriteAllText(Path.Combine(folder, system.Pipeline + ".json"), Definition(model, prompt));
            systems.Add(system);
        }

        return systems;
    }
}
