using ModelAlloy.Evaluation.Routing;

namespace ModelAlloy.Evaluation.Replay.Policies;

/// <summary>
/// The learned router, trained on the split's train rows and scored on its test rows (escalation score:
/// 1 − P(weak suffices)). With <paramref name="validateUnseen"/> it also cross-validates on held-out task types of
/// the training rows, and the note says whether it would trust itself on the test rows' unseen task types or fall
/// back to the default tier.
/// </summary>
/// <param name="name">The row name.</param>
/// <param name="options">Training options.</param>
/// <param name="validateUnseen">Whether to run the unseen-task-type validation (for the unseen-subjects evaluation).</param>
public sealed class LearnedPolicy(string name, LearnedRouterOptions options, bool validateUnseen) : IReplayPolicy
{
    /// <inheritdoc />
    public string Name => name;

    /// <inheritdoc />
    public bool Learns => true;

    /// <inheritdoc />
    public bool Randomized => true;

    /// <inheritdoc />
    public PolicyScores Score(ReplaySplit split, int seed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(split);
        LearnedRouterOptions run = options with { Seed = seed, ValidateKnownTaskTypes = false, ValidateUnseenTaskTypes = validateUnseen };
        LearnedRouter router = LearnedRouterTrainer.Train(split.Train, run, cancellationToken: cancellationToken);
        IReadOnlyList<double> p = router.PredictWeakSuffices(split.Test.Select(RouteFeatures.From));
        string? note = router.Manifest.UnseenTaskTypes is { } v
            ? $"unseen-task-type validation: {v.Describe()} → {(v.Routes ? "routes" : $"falls back to '{run.Fallback.ToString().ToLowerInvariant()}'")}"
            : null;
        return new PolicyScores(p.Select(x => 1 - x).ToArray(), note);
    }
}
