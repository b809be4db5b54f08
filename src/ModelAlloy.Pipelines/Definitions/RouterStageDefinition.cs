using System.Text.Json.Serialization;

namespace ModelAlloy.Pipelines.Definitions;

/// <summary>
/// A router: the rules are tried in order and the first match decides; when none matches, the classifier (if any)
/// decides; otherwise the default route. The input passes through unchanged to the chosen route's stage.
/// </summary>
public sealed record RouterStageDefinition : StageDefinition
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => StageKinds.Router;

    /// <summary>Gets the routes: route name → stage id.</summary>
    public required IReadOnlyDictionary<string, string> Routes { get; init; }

    /// <summary>Gets the route taken when nothing else decides (or the classifier fails).</summary>
    public required string DefaultRoute { get; init; }

    /// <summary>Gets the rules, tried in order.</summary>
    public IReadOnlyList<RouteRule> Rules { get; init; } = [];

    /// <summary>Gets the classifier consulted when no rule matches.</summary>
    public RouteClassifier? Classifier { get; init; }

    /// <summary>Gets the trained router consulted when no rule matches (instead of a classifier).</summary>
    public LearnedRouting? Learned { get; init; }

    /// <inheritdoc />
    public override IEnumerable<string> Successors() => Routes.Values.Distinct(StringComparer.Ordinal);
}

/// <summary>A rule: every condition given must hold for the route to be taken.</summary>
public sealed record RouteRule
{
    /// <summary>Gets the route taken on a match.</summary>
    public required string Route { get; init; }

    /// <summary>Gets the minimum input length in characters.</summary>
    public int? MinLength { get; init; }

    /// <summary>Gets the maximum input length in characters.</summary>
    public int? MaxLength { get; init; }

    /// <summary>Gets a regular expression the input must match (case-insensitive, non-backtracking).</summary>
    public string? Regex { get; init; }

    /// <summary>Gets keywords of which at least one must occur in the input (case-insensitive).</summary>
    public IReadOnlyList<string>? Keywords { get; init; }

    /// <summary>Gets conditions on fields of a JSON input: dotted path → expected value (compared as text).</summary>
    public IReadOnlyDictionary<string, string>? Fields { get; init; }
}

/// <summary>A cheap model that returns route, complexity (1–5) and reason under a JSON Schema.</summary>
public sealed record RouteClassifier
{
    /// <summary>Gets the model step (placeholders: <c>{{input}}</c>, <c>{{routes}}</c>); its schema is built in.</summary>
    public required ModelStep Step { get; init; }

    /// <summary>Gets complexity thresholds: the highest <see cref="ComplexityThreshold.MinComplexity"/> reached overrides the route.</summary>
    public IReadOnlyList<ComplexityThreshold> Thresholds { get; init; } = [];
}

/// <summary>At or above <see cref="MinComplexity"/>, take <see cref="Route"/> whatever the classifier's route.</summary>
public sealed record ComplexityThreshold
{
    /// <summary>Gets the complexity (1–5) from which the route applies.</summary>
    public required int MinComplexity { get; init; }

    /// <summary>Gets the route.</summary>
    public required string Route { get; init; }
}
