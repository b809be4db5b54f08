namespace ModelAlloy.Pipelines.LearnedRouters;

/// <summary>
/// Scores a request with a trained router model file. Implemented in ModelAlloy.Evaluation (ML.NET), registered by
/// <c>AddModelAlloy</c>; the pipelines only see this interface, so they never load ML.NET.
/// </summary>
public interface ILearnedRouterScorer
{
    /// <summary>Scores one request.</summary>
    /// <param name="modelPath">The router's model file (<c>.zip</c>) or manifest (<c>.json</c>), as a full path.</param>
    /// <param name="request">The request.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="FileNotFoundException">The model or its manifest is missing.</exception>
    /// <exception cref="InvalidDataException">The files are not a learned router of a known version.</exception>
    LearnedRouteDecision Score(string modelPath, LearnedRouteRequest request);
}
