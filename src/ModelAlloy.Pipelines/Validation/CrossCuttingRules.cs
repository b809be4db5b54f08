using ModelAlloy.Pipelines.Definitions;

namespace ModelAlloy.Pipelines.Validation;

/// <summary>The rules of the cross-cutting stage settings: latency budgets, the stage cache and learned routers.</summary>
internal static class CrossCuttingRules
{
    public static void CheckPipeline(PipelineDefinition definition, ErrorList errors)
    {
        if (definition.LatencyBudgetSeconds is { } seconds)
        {
            errors.Require(seconds > 0, "$.latencyBudgetSeconds", $"the pipeline's latency budget must be more than 0 seconds, not {seconds}");
        }
    }

    public static void CheckStage(PipelineDefinition definition, StageDefinition stage, string path, ErrorList errors)
    {
        if (stage.LatencyBudget is { } budget)
        {
            CheckBudget(definition, stage, budget, path + ".latencyBudget", errors);
        }

        if (stage.Cache is { } cache)
        {
            errors.Require(cache.TtlSeconds > 0, path + ".cache.ttlSeconds", $"the cache's time to live must be more than 0 seconds, not {cache.TtlSeconds}");
            errors.Require(
                stage is not SubPipelineStageDefinition,
                path + ".cache",
                "a sub-pipeline stage cannot be cached (its definition may change under the same stage); cache the sub-pipeline's own stages");
        }

        if (stage is RouterStageDefinition { Learned: { } learned } router)
        {
            CheckLearned(router, learned, path, errors);
        }
    }

    /// <summary>The stages a stage can hand over to, its latency fallback included (for the cycle check).</summary>
    public static IEnumerable<string> Successors(StageDefinition stage) =>
        stage.LatencyBudget is { FallbackStage: { } fallback } ? stage.Successors().Append(fallback).Distinct(StringComparer.Ordinal) : stage.Successors();

    private static void CheckBudget(PipelineDefinition definition, StageDefinition stage, LatencyBudget budget, string path, ErrorList errors)
    {
        errors.Require(budget.Seconds > 0, path + ".seconds", $"a latency budget must be more than 0 seconds, not {budget.Seconds}");
        if (budget.OnExpiry == LatencyBudgetExpiry.Fallback)
        {
            if (budget.FallbackStage is not { } fallback)
            {
                errors.Add(path + ".fallbackStage", "onExpiry 'fallback' needs a 'fallbackStage': the id of a faster stage");
            }
            else if (string.Equals(fallback, stage.Id, StringComparison.Ordinal))
            {
                errors.Add(path + ".fallbackStage", $"stage '{stage.Id}' cannot be its own fallback; name a faster stage");
            }
            else
            {
                errors.Require(definition.FindStage(fallback) is not null, path + ".fallbackStage", $"the fallback stage '{fallback}' does not exist");
            }
        }
        else
        {
            errors.Require(budget.FallbackStage is null, path + ".fallbackStage", "'fallbackStage' is only used with onExpiry 'fallback'");
        }
    }

    private static void CheckLearned(RouterStageDefinition router, LearnedRouting learned, string path, ErrorList errors)
    {
        string at = path + ".learned";
        errors.Require(router.Classifier is null, at, "a router decides by 'classifier' or by 'learned', not both");
        if (string.IsNullOrWhiteSpace(learned.Model))
        {
            errors.Add(at + ".model", "name the trained router's model file (e.g. routers/support.zip, its manifest .json beside it)");
        }
        else
        {
            errors.Require(
                learned.Model.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) || learned.Model.EndsWith(".json", StringComparison.OrdinalIgnoreCase),
                at + ".model",
                $"'{learned.Model}' is not a learned router: name its model (.zip) or its manifest (.json)");
        }

        if (learned.Threshold is { } threshold)
        {
            errors.Range(threshold, 0, 1, at + ".threshold", "learned-router threshold");
        }

        errors.Require(router.Routes.ContainsKey(learned.StrongRoute), at + ".strongRoute", $"strong route '{learned.StrongRoute}' is not one of the routes");
        errors.Require(router.Routes.ContainsKey(learned.WeakRoute), at + ".weakRoute", $"weak route '{learned.WeakRoute}' is not one of the routes");
    }
}
