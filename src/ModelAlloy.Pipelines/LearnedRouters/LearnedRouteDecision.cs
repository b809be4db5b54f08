namespace ModelAlloy.Pipelines.LearnedRouters;

/// <summary>A learned router's answer for one request.</summary>
public sealed record LearnedRouteDecision
{
    /// <summary>Gets the probability that the weak route suffices.</summary>
    public required double Probability { get; init; }

    /// <summary>Gets the threshold it was compared with.</summary>
    public required double Threshold { get; init; }

    /// <summary>Gets whether the request should take the strong route (probability below the threshold).</summary>
    public required bool UseStrong { get; init; }

    /// <summary>Gets whether the router does not trust itself here (no better than random for the task type): take the default route.</summary>
    public required bool Untrusted { get; init; }

    /// <summary>Gets why, in one line.</summary>
    public required string Reason { get; init; }

    /// <summary>Gets the router model's version.</summary>
    public string ModelVersion { get; init; } = "";
}
