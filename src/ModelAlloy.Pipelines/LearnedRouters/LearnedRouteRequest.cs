namespace ModelAlloy.Pipelines.LearnedRouters;

/// <summary>What a learned router stage asks its router about one request (the scoring activity's input).</summary>
public sealed record LearnedRouteRequest
{
    /// <summary>Gets the router's model file as the definition names it (relative paths: the pipelines folder).</summary>
    public required string Model { get; init; }

    /// <summary>Gets the request's text.</summary>
    public required string Prompt { get; init; }

    /// <summary>Gets the request's task type (empty when unknown).</summary>
    public string TaskType { get; init; } = "";

    /// <summary>Gets the pipeline.</summary>
    public string Pipeline { get; init; } = "";

    /// <summary>Gets the stage id.</summary>
    public string Stage { get; init; } = "";

    /// <summary>Gets the threshold to use instead of the router's calibrated one.</summary>
    public double? Threshold { get; init; }
}
