using ModelAlloy.Pipelines.Orchestration;

namespace ModelAlloy.Pipelines.Stages;

/// <summary>What a stage produced: the output for the next stage, what it decided, and (routers) the next stage.</summary>
/// <param name="Output">The output text.</param>
/// <param name="Record">The decision record (models and cost are filled in by the run).</param>
/// <param name="NextStage">The stage a router chose; null: the stage's own <c>next</c>.</param>
internal sealed record StageOutcome(string Output, StageRecord Record, string? NextStage = null);
