using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelAlloy.Models;
using ModelAlloy.Pipelines.Definitions;
using ModelAlloy.Pipelines.Orchestration;

namespace ModelAlloy.Pipelines.Stages;

/// <summary>The router: first matching rule, else the classifier (route + complexity + reason, thresholds), else the default route.</summary>
internal static class RouterStage
{
    private const string DefaultClassifierPrompt =
        "Classify the request. Choose one route of: {{routes}}. Rate its complexity from 1 (trivial) to 5 (expert). Give a short reason.\n\nRequest:\n{{input}}";

    public static async Task<StageOutcome> RunAsync(StageContext run, RouterStageDefinition router, StageInput input)
    {
        for (int i = 0; i < router.Rules.Count; i++)
        {
            if (RuleMatcher.Match(router.Rules[i], input.Text) is { } why)
            {
                return Decide(router, input, router.Rules[i].Route, $"rule {i + 1}: {why}", null);
            }
        }

        if (router.Learned is { } learned)
        {
            return await LearnedRouterStage.RunAsync(run, router, learned, input).ConfigureAwait(true);
        }

        if (router.Classifier is not { } classifier)
        {
            return Decide(router, input, router.DefaultRoute, "no rule matched: default route", null);
        }

        ModelCallResult result;
        try
        {
            result = await run.CallAsync(classifier.Step, "classify", DefaultClassifierPrompt, Values(router, input), Schema(router)).ConfigureAwait(true);
        }
        catch (ModelCallFailedException ex)
        {
            return Decide(router, input, router.DefaultRoute, $"classifier failed ({ex.ErrorCode}): default route", null);
        }

        JsonNode verdict = JsonNode.Parse(result.Json ?? result.Text)!;
        string route = verdict["route"]!.GetValue<string>();
        int complexity = verdict["complexity"]!.GetValue<int>();
        string reason = verdict["reason"]?.GetValue<string>() ?? string.Empty;
        string why2 = string.Create(CultureInfo.InvariantCulture, $"classifier: {route} (complexity {complexity}): {reason}");
        if (classifier.Thresholds.Where(t => complexity >= t.MinComplexity).MaxBy(t => t.MinComplexity) is { } threshold)
        {
            return Decide(router, input, threshold.Route, string.Create(CultureInfo.InvariantCulture, $"complexity {complexity} >= {threshold.MinComplexity}: {threshold.Route}; {why2}"), complexity);
        }

        return router.Routes.ContainsKey(route)
            ? Decide(router, input, route, why2, complexity)
            : Decide(router, input, router.DefaultRoute, $"classifier chose unknown route '{route}': default route", complexity);
    }

    private static StageOutcome Decide(RouterStageDefinition router, StageInput input, string route, string reason, int? complexity) =>
        new(input.Text, new StageRecord { StageId = router.Id, Kind = router.Kind, Route = route, Reason = reason, Complexity = complexity }, router.Routes[route]);

    private static Dictionary<string, string> Values(RouterStageDefinition router, StageInput input) => new(StringComparer.Ordinal)
    {
        ["input"] = input.Text,
        ["original"] = input.Original,
        ["routes"] = string.Join(", ", router.Routes.Keys),
    };

    // The verdict's schema is built from the routes, so the model can only name a route that exists.
    private static string Schema(RouterStageDefinition router) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["type"] = "object",
        ["additionalProperties"] = false,
        ["required"] = new[] { "route", "complexity", "reason" },
        ["properties"] = new Dictionary<string, object>
        {
            ["route"] = new Dictionary<string, object> { ["type"] = "string", ["enum"] = router.Routes.Keys.ToArray() },
            ["complexity"] = new Dictionary<string, object> { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = 5 },
            ["reason"] = new Dictionary<string, object> { ["type"] = "string" },
        },
    });
}
