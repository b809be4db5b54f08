namespace ModelAlloy.Pipelines.Definitions;

/// <summary>
/// A router decided by a trained router model (from the evaluation's <c>alloy eval train-router</c>): it predicts the
/// probability that the weak route suffices; below the threshold the request takes <see cref="StrongRoute"/>. Where
/// the model's validation found it no better than random for the request's task type, the stage's default route.
/// </summary>
public sealed record LearnedRouting
{
    /// <summary>Gets the router's model file (<c>.zip</c>, its manifest <c>.json</c> beside it); relative to the pipelines folder.</summary>
    public required string Model { get; init; }

    /// <summary>Gets the threshold in [0, 1]; default: the one the router was calibrated with.</summary>
    public double? Threshold { get; init; }

    /// <summary>Gets the route taken when the probability is below the threshold.</summary>
    public required string StrongRoute { get; init; }

    /// <summary>Gets the route taken when it is at or above.</summary>
    public required string WeakRoute { get; init; }

    /// <summary>Gets a dotted path into a JSON input whose value is the request's task type (default: the stage's <c>taskType</c>).</summary>
    public string? TaskTypeField { get; init; }
}
