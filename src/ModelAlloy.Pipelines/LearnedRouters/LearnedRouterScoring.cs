namespace ModelAlloy.Pipelines.LearnedRouters;

/// <summary>The body of the learned-router activity, shared by every host: resolves the model file and scores the request.</summary>
/// <param name="scorer">The scorer (ModelAlloy.Evaluation's, registered by <c>AddModelAlloy</c>).</param>
/// <param name="root">The folder relative model paths are resolved against.</param>
public sealed class LearnedRouterScoring(ILearnedRouterScorer scorer, PipelineFileRoot root)
{
    /// <summary>The activity's name.</summary>
    public const string ActivityName = "ModelAlloy_Pipeline_ScoreLearnedRouter";

    /// <summary>Scores one request.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The decision.</returns>
    public LearnedRouteDecision Score(LearnedRouteRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return scorer.Score(root.Resolve(request.Model), request);
    }
}

/// <summary>The self-hosted worker's learned-router activity.</summary>
internal sealed class ScoreLearnedRouterActivity(LearnedRouterScoring scoring) : TaskActivity<LearnedRouteRequest, LearnedRouteDecision>
{
    public override Task<LearnedRouteDecision> RunAsync(TaskActivityContext context, LearnedRouteRequest input) => Task.FromResult(scoring.Score(input));
}
