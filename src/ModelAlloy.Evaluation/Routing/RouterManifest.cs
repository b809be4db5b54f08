using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelAlloy.Evaluation.Routing;

/// <summary>
/// The JSON manifest saved beside a learned router's ML.NET model (<c>router.zip</c> + <c>router.json</c>): its
/// version, features, threshold and per-task-type validation verdicts. A router stage reads it to know where to trust
/// the router.
/// </summary>
public sealed record RouterManifest
{
    /// <summary>The manifest format this code writes and reads (2: the task-type priors are features, saved here; 3: the prompt's shape and boosted trees join the model).</summary>
    public const int CurrentFormatVersion = 3;

    /// <summary>The manifest's <see cref="Kind"/>.</summary>
    public const string ManifestKind = "modelalloy.learned-router";

    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Gets what this file is.</summary>
    public string Kind { get; init; } = ManifestKind;

    /// <summary>Gets the manifest format version.</summary>
    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>Gets the model's version: its training time and the first 12 hex digits of the model file's SHA-256.</summary>
    public required string ModelVersion { get; init; }

    /// <summary>Gets the model file's name, beside the manifest.</summary>
    public required string ModelFile { get; init; }

    /// <summary>Gets the model file's SHA-256 (hex), checked on load.</summary>
    public required string ModelSha256 { get; init; }

    /// <summary>Gets when the model was trained.</summary>
    public DateTimeOffset TrainedAt { get; init; }

    /// <summary>Gets how long training (with validation) took, in seconds.</summary>
    public double TrainingSeconds { get; init; }

    /// <summary>Gets the number of training rows.</summary>
    public int TrainingRows { get; init; }

    /// <summary>Gets the model's inputs, in words.</summary>
    public IReadOnlyList<string> Features { get; init; } = [];

    /// <summary>Gets the per-task-type label rates the model reads as features (format 2 on), or null in older manifests.</summary>
    public TaskTypePriors? Priors { get; init; }

    /// <summary>Gets what the model predicts.</summary>
    public string Predicts { get; init; } = "probability that the weak model suffices (escalating would not turn a wrong answer into a right one)";

    /// <summary>Gets the threshold: a request goes to the strong model when its probability is below it.</summary>
    public double Threshold { get; init; }

    /// <summary>Gets the calibration target the threshold was chosen for.</summary>
    public string Calibration { get; init; } = "";

    /// <summary>Gets the strong share the threshold gave on validation.</summary>
    public double ValidationStrongShare { get; init; }

    /// <summary>Gets the quality the threshold gave on validation.</summary>
    public double ValidationQuality { get; init; }

    /// <summary>Gets the tier used where the router falls back.</summary>
    public RouterTier Fallback { get; init; } = RouterTier.Strong;

    /// <summary>Gets the in-distribution validation (stratified folds) over all task types, or null when not run.</summary>
    public TaskTypeVerdict? KnownTaskTypes { get; init; }

    /// <summary>Gets the verdict per known task type (stratified folds), by task type.</summary>
    public IReadOnlyDictionary<string, TaskTypeVerdict> TaskTypes { get; init; } = new Dictionary<string, TaskTypeVerdict>();

    /// <summary>Gets the verdict for task types not seen in training (grouped folds), or null when not validated.</summary>
    public TaskTypeVerdict? UnseenTaskTypes { get; init; }
}
