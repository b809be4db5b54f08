using System.Globalization;

namespace ModelAlloy.Evaluation.Scoring;

/// <summary>
/// Picks a run's scorer by name, as <c>--scorer</c> gives it: <c>route</c>, <c>label</c>, <c>exact</c>,
/// <c>contains[:TEXT]</c>, <c>regex[:PATTERN]</c>, <c>json:FIELD.PATH</c>, <c>numeric[:TOLERANCE]</c> or <c>judge</c>.
/// </summary>
public static class ScorerSpec
{
    /// <summary>The accepted forms, for usage and error messages.</summary>
    public const string Forms = "route | label | exact | contains[:TEXT] | regex[:PATTERN] | json:FIELD.PATH | numeric[:TOLERANCE] | judge";

    /// <summary>Creates the scorer <paramref name="spec"/> names.</summary>
    /// <param name="spec">The name with its optional argument after a colon.</param>
    /// <param name="judge">Creates the judge scorer (it needs a gateway); null when no judge is available.</param>
    /// <returns>The scorer.</returns>
    /// <exception cref="FormatException">An unknown name or a bad argument.</exception>
    public static IAnswerScorer Create(string spec, Func<JudgeScorer>? judge = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spec);
        int colon = spec.IndexOf(':', StringComparison.Ordinal);
        string name = (colon < 0 ? spec : spec[..colon]).Trim().ToLowerInvariant();
        string? arg = colon < 0 ? null : spec[(colon + 1)..];
        return name switch
        {
            "route" => new RouteScorer(),
            "label" => Text(new LabelMatchScorer()),
            "exact" => Text(new ExactMatchScorer()),
            "contains" => Text(new ContainsScorer(arg)),
            "regex" => Text(new RegexScorer(arg)),
            "json" when !string.IsNullOrWhiteSpace(arg) => Text(new JsonFieldScorer(arg)),
            "json" => throw new FormatException("--scorer json needs the field path, e.g. json:customer.tier"),
            "numeric" => Text(new NumericToleranceScorer(Tolerance(arg))),
            "judge" => judge?.Invoke() ?? throw new FormatException("--scorer judge needs a judge model: pass --judge ROLE (a catalog role)"),
            _ => throw new FormatException($"unknown scorer '{spec}'; use one of: {Forms}"),
        };
    }

    private static TextAnswerScorer Text(IScorer scorer) => new(scorer);

    private static double Tolerance(string? arg) =>
        arg is null ? 0
        : double.TryParse(arg, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value >= 0 ? value
        : throw new FormatException($"--scorer numeric:TOLERANCE expects a non-negative number, not '{arg}'");
}
