using ModelAlloy.Pipelines.Definitions;
using ModelAlloy.Pipelines.LearnedRouters;
using ModelAlloy.Pipelines.Orchestration;

namespace ModelAlloy.Pipelines.Stages;

/// <summary>
/// A router's learned branch: an activity scores the input with the trained router; below the threshold the strong
/// route, else the weak one; where the router is no better than random for the task type (or cannot be loaded), the
/// stage's default route. Probability, threshold and reason are recorded.
/// </summary>
internal static class LearnedRouterStage
{
    private static readonly TaskOptions Options = TaskOptions.FromRetryPolicy(new RetryPolicy(maxNumberOfAttempts: 2, firstRetryInterval: TimeSpan.FromSeconds(1)));

    public static async Task<StageOutcome> RunAsync(StageContext run, RouterStageDefinition router, LearnedRouting learned, StageInput input)
    {
        string taskType = (learned.TaskTypeField is { } field ? RuleMatcher.FieldValue(input.Text, field) : null) ?? router.TaskType ?? "";
        var request = new LearnedRouteRequest
        {
            Model = learned.Model,
            Prompt = input.Text,
            TaskType = taskType,
            Pipeline = run.Pipeline,
            Stage = router.Id,
            Threshold = learned.Threshold,
        };
        LearnedRouteDecision decision;
        try
        {
            decision = await run.Orchestration.CallActivityAsync<LearnedRouteDecision>(LearnedRouterScoring.ActivityName, request, Options).ConfigureAwait(true);
        }
        catch (TaskFailedException ex)
        {
            return Decide(router, input, router.DefaultRoute, $"learned router '{learned.Model}' failed ({ex.FailureDetails.ErrorMessage}): default route", null);
        }

        if (decision.Untrusted)
        {
            return Decide(router, input, router.DefaultRoute, $"learned router {decision.ModelVersion}: {decision.Reason}; default route '{router.DefaultRoute}'", decision);
        }

        string route = decision.UseStrong ? learned.StrongRoute : learned.WeakRoute;
        return Decide(router, input, route, $"learned router {decision.ModelVersion}: {decision.Reason}: route '{route}'", decision);
    }

    private static StageOutcome Decide(RouterStageDefinition router, StageInput input, string route, string reason, LearnedRouteDecision? decision) =>
        new(input.Text, new StageRecord
        {
            StageId = router.Id,
            Kind = router.Kind,
            Route = route,
            Reason = reason,
            Probability = decision?.Probability,
            Threshold = decision?.Threshold,
        }, router.Routes[route]);
}
