using System.Collections.Concurrent;
using ModelAlloy.Pipelines.LearnedRouters;

namespace ModelAlloy.Evaluation.Routing;

/// <summary>
/// The pipelines' learned-router scorer: loads a saved <see cref="LearnedRouter"/> once per model file and keeps it
/// until the model or its manifest is rewritten (path + both files' write times), so a retrained router is picked up
/// by the next request without a restart.
/// </summary>
public sealed class LearnedRouterScorer : ILearnedRouterScorer
{
    private const string FallbackNote = "; using the default tier";
    private readonly ConcurrentDictionary<string, (DateTime Model, DateTime Manifest, LearnedRouter Router)> _loaded = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public LearnedRouteDecision Score(string modelPath, LearnedRouteRequest request)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        ArgumentNullException.ThrowIfNull(request);
        LearnedRouter router = Load(modelPath);
        RouteDecision decision = router.Decide(new RouteFeatures(request.Prompt, request.TaskType, request.Pipeline, request.Stage), fallback: null, request.Threshold);

        // Where the router does not trust itself the stage takes its own default route, not the manifest's tier.
        int note = decision.FellBack ? decision.Reason.IndexOf(FallbackNote, StringComparison.Ordinal) : -1;
        return new LearnedRouteDecision
        {
            Probability = decision.ProbabilityWeakSuffices,
            Threshold = request.Threshold ?? router.Manifest.Threshold,
            UseStrong = decision.UseStrong,
            Untrusted = decision.FellBack,
            Reason = note > 0 ? decision.Reason[..note] : decision.Reason,
            ModelVersion = router.Manifest.ModelVersion,
        };
    }

    private LearnedRouter Load(string modelPath)
    {
        string full = Path.GetFullPath(modelPath);
        DateTime model = File.GetLastWriteTimeUtc(Path.ChangeExtension(full, ".zip"));
        DateTime manifest = File.GetLastWriteTimeUtc(Path.ChangeExtension(full, ".json"));
        if (_loaded.TryGetValue(full, out var cached) && cached.Model == model && cached.Manifest == manifest)
        {
            return cached.Router;
        }

        LearnedRouter router = LearnedRouter.Load(full);
        _loaded[full] = (model, manifest, router);
        return router;
    }
}
