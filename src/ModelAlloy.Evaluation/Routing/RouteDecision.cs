namespace ModelAlloy.Evaluation.Routing;

/// <summary>A learned router's decision for one request.</summary>
/// <param name="ProbabilityWeakSuffices">The model's probability that the weak model's answer is as good as the strong one's.</param>
/// <param name="UseStrong">Whether to send the request to the strong model.</param>
/// <param name="Reason">Why, in one line.</param>
/// <param name="FellBack">True when the router did not trust itself for this task type and used the default tier.</param>
public readonly record struct RouteDecision(double ProbabilityWeakSuffices, bool UseStrong, string Reason, bool FellBack);
