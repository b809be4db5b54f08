namespace ModelAlloy.Evaluation.SideBySide;

/// <summary>What one run of a system on one item returned.</summary>
/// <param name="Output">The answer text (empty when the run failed).</param>
/// <param name="Route">The route of the first router stage, or null.</param>
/// <param name="CostUsd">The cost the run reported (every model attempt, sub-pipelines included).</param>
/// <param name="Simulated">Whether a simulated model answered.</param>
/// <param name="Error">Why the run failed, or null.</param>
public sealed record SystemRun(string Output, string? Route, decimal CostUsd, bool Simulated, string? Error = null);
