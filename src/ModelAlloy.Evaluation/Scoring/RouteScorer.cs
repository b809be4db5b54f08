using ModelAlloy.Evaluation.Datasets;

namespace ModelAlloy.Evaluation.Scoring;

/// <summary>
/// For routed pipelines such as support-triage: 1 when the route the router stage took is one of the item's labels
/// (or its reference), else 0. A system without a router stage (a single-model baseline) is scored on its answer
/// instead: the <c>route</c> field of a JSON answer (what a classifying baseline replies), else the expected label
/// named as a whole word.
/// </summary>
public sealed class RouteScorer : IAnswerScorer
{
    /// <inheritdoc />
    public string Name => "route";

    /// <inheritdoc />
    public ValueTask<Score> ScoreAsync(EvalItem item, SystemAnswer answer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(answer);
        IReadOnlyList<string> expected = item.Labels.Count > 0 ? item.Labels : item.ReferenceText is { } r ? [r] : [];
        if (expected.Count == 0)
        {
            return ValueTask.FromResult(Score.Fail($"item {item.Id} has no labels or reference to match the route against"));
        }

        if (answer.Route is { } route)
        {
            return ValueTask.FromResult(expected.Any(e => string.Equals(e.Trim(), route, StringComparison.OrdinalIgnoreCase))
                ? Score.Pass($"route '{route}'")
                : Score.Fail($"route '{route}', expected {string.Join(" or ", expected)}"));
        }

        if (JsonRoute(answer.Output) is { } answered)
        {
            return ValueTask.FromResult(expected.Any(e => string.Equals(e.Trim(), answered, StringComparison.OrdinalIgnoreCase))
                ? Score.Pass($"answered route '{answered}'")
                : Score.Fail($"answered route '{answered}', expected {string.Join(" or ", expected)}"));
        }

        string[] words = answer.Output.Split((char[])[' ', '\t', '\n', '\r', '.', ',', ':', ';', '"', '\'', '(', ')', '[', ']', '{', '}'], StringSplitOptions.RemoveEmptyEntries);
        string? hit = expected.FirstOrDefault(e => words.Contains(e.Trim(), StringComparer.OrdinalIgnoreCase));
        return ValueTask.FromResult(hit is not null
            ? Score.Pass($"no router; answer names '{hit}'")
            : Score.Fail($"no router; answer names none of {string.Join(", ", expected)}"));
    }

    private static string? JsonRoute(string output)
    {
        if (!output.TrimStart().StartsWith('{'))
        {
            return null;
        }

        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(output);
            return doc.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                   && doc.RootElement.TryGetProperty("route", out System.Text.Json.JsonElement route)
                   && route.ValueKind == System.Text.Json.JsonValueKind.String
                ? route.GetString()
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
