using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace ModelAlloy.Evaluation.Routing;

/// <summary>
/// A trained router that predicts, from a request's prompt and features, whether the weak model suffices, and decides
/// where to send it. Where validation found it no better than random (per task type, and for task types it never saw)
/// it falls back to the default tier and says so. Saved as an ML.NET model (<c>router.zip</c>) and a JSON manifest
/// beside it (<c>router.json</c>); a router stage (<c>router.kind: learned</c>) loads it with <see cref="Load"/>.
/// </summary>
public sealed class LearnedRouter
{
    private readonly RouterModel _model;

    internal LearnedRouter(RouterModel model, RouterManifest manifest)
    {
        _model = model;
        Manifest = manifest;
    }

    /// <summary>Gets the manifest: version, features, threshold and validation verdicts.</summary>
    public RouterManifest Manifest { get; }

    /// <summary>Loads a saved router from its manifest (<c>.json</c>) or its model file (<c>.zip</c>, manifest beside it).</summary>
    /// <param name="path">Either file.</param>
    /// <returns>The router.</returns>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="InvalidDataException">The manifest is not a learned-router manifest of a known version, or the model does not match its hash.</exception>
    public static LearnedRouter Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string manifestPath = Path.ChangeExtension(Path.GetFullPath(path), ".json");
        if (!File.Exists(manifestPath))
        {
            throw new FileNotFoundException($"learned-router manifest not found: '{manifestPath}'; train one with 'alloy eval train-router --out {Path.ChangeExtension(path, ".zip")}'", manifestPath);
        }

        RouterManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<RouterManifest>(File.ReadAllText(manifestPath), RouterManifest.Json)
                ?? throw new InvalidDataException($"'{manifestPath}' is empty");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"'{manifestPath}' is not a learned-router manifest: {ex.Message}", ex);
        }

        if (manifest.Kind != RouterManifest.ManifestKind || manifest.FormatVersion != RouterManifest.CurrentFormatVersion)
        {
            throw new InvalidDataException(
                $"'{manifestPath}' is '{manifest.Kind}' format {manifest.FormatVersion}; this version reads '{RouterManifest.ManifestKind}' format {RouterManifest.CurrentFormatVersion}: retrain the router");
        }

        string modelPath = Path.Combine(Path.GetDirectoryName(manifestPath)!, manifest.ModelFile);
        byte[] bytes = File.Exists(modelPath)
            ? File.ReadAllBytes(modelPath)
            : throw new FileNotFoundException($"learned-router model not found: '{modelPath}' (named by '{manifestPath}')", modelPath);
        string sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (!string.Equals(sha, manifest.ModelSha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"'{modelPath}' does not match its manifest (SHA-256 {sha[..12]}…, manifest says {manifest.ModelSha256[..Math.Min(12, manifest.ModelSha256.Length)]}…): the pair is from different trainings");
        }

        if (manifest.Priors is not { } priors)
        {
            throw new InvalidDataException($"'{manifestPath}' has no task-type priors: retrain the router");
        }

        return new LearnedRouter(RouterModel.Load(bytes, priors), manifest);
    }

    /// <summary>Saves the model to <paramref name="path"/> (a <c>.zip</c>) and the manifest beside it (same name, <c>.json</c>).</summary>
    /// <param name="path">The model file.</param>
    /// <returns>The manifest's path.</returns>
    public string Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string modelPath = Path.ChangeExtension(Path.GetFullPath(path), ".zip");
        string manifestPath = Path.ChangeExtension(modelPath, ".json");
        Directory.CreateDirectory(Path.GetDirectoryName(modelPath)!);
        File.WriteAllBytes(modelPath, _model.Bytes);
        RouterManifest manifest = Manifest with { ModelFile = Path.GetFileName(modelPath) };
        File.WriteAllText(manifestPath, JsonSerializer.Serialize(manifest, RouterManifest.Json) + "\n");
        return manifestPath;
    }

    /// <summary>Returns the probability that the weak model suffices for each request (no threshold, no fallback).</summary>
    /// <param name="requests">The requests.</param>
    /// <returns>One probability per request, same order.</returns>
    public IReadOnlyList<double> PredictWeakSuffices(IEnumerable<RouteFeatures> requests) =>
        _model.Predict(requests);

    /// <summary>Decides where to send one request.</summary>
    /// <param name="features">The request.</param>
    /// <param name="fallback">The tier to use where the router does not trust itself (the stage's configured default); null uses the manifest's.</param>
    /// <param name="threshold">The threshold to use instead of the manifest's calibrated one.</param>
    /// <returns>The decision and its reason.</returns>
    public RouteDecision Decide(RouteFeatures features, RouterTier? fallback = null, double? threshold = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        double p = _model.Predict(features);
        RouterTier defaultTier = fallback ?? Manifest.Fallback;
        string tier = defaultTier.ToString().ToLowerInvariant();
        if (Manifest.TaskTypes.TryGetValue(features.TaskType, out TaskTypeVerdict? known))
        {
            if (!known.Routes)
            {
                return new RouteDecision(p, defaultTier == RouterTier.Strong,
                    $"task type '{features.TaskType}': {known.Describe()} in validation; using the default tier '{tier}'", FellBack: true);
            }

            return Route(p, "", threshold ?? Manifest.Threshold);
        }

        if (Manifest.UnseenTaskTypes is not { Routes: true } unseen)
        {
            string why = Manifest.UnseenTaskTypes is { } v ? $"on held-out task types it was {v.Describe()}" : "it was not validated on held-out task types";
            return new RouteDecision(p, defaultTier == RouterTier.Strong,
                $"task type '{features.TaskType}' was not in training and {why}; using the default tier '{tier}'", FellBack: true);
        }

        return Route(p, $" (task type '{features.TaskType}' not in training; held-out task types: {unseen.Describe()})", threshold ?? Manifest.Threshold);
    }

    private static RouteDecision Route(double p, string note, double threshold)
    {
        bool strong = p < threshold;
        string reason = string.Create(CultureInfo.InvariantCulture,
            $"P(weak suffices) {p:F3} {(strong ? "<" : ">=")} threshold {threshold:F3}: {(strong ? "strong" : "weak")}{note}");
        return new RouteDecision(p, strong, reason, FellBack: false);
    }
}
