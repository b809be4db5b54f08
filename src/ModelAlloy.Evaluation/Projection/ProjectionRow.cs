namespace ModelAlloy.Evaluation.Projection;

/// <summary>One architecture at a monthly volume: the seeds' table row.</summary>
/// <param name="Architecture">The system (a pipeline, or one model alone).</param>
/// <param name="RequestsPerMonth">The volume projected.</param>
/// <param name="MonthlyCostUsd">The measured mean cost per request times the volume.</param>
/// <param name="AverageLatencyMs">The measured mean end-to-end latency.</param>
/// <param name="Quality">The measured mean score, 0..1.</param>
public sealed record ProjectionRow(string Architecture, long RequestsPerMonth, decimal MonthlyCostUsd, double AverageLatencyMs, double Quality);
