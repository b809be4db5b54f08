namespace ModelAlloy.Evaluation.Replay;

/// <summary>One point of a routing curve.</summary>
/// <param name="StrongShare">The share of requests sent to the strong model, 0..1.</param>
/// <param name="Quality">The share of requests answered correctly at that share, 0..1.</param>
public readonly record struct CurvePoint(double StrongShare, double Quality);
