using System.Globalization;
using ModelAlloy.Pipelines.Definitions;
using ModelAlloy.Pipelines.Orchestration;
using ModelAlloy.Pipelines.Stages;

namespace ModelAlloy.Pipelines.Budgets;

/// <summary>
/// Races a stage against a durable timer at its deadline: the stage's own latency budget or the pipeline's, whichever
/// comes first. The stage wins: the timer is cancelled. The timer wins: the stage is abandoned (its result ignored,
/// its pending retry timers cancelled) and the run falls back to the stage's fallback stage, or fails with a clear error.
/// </summary>
internal static class LatencyRace
{
    public static async Task<StageOutcome> RunAsync(StageContext run, StageDefinition stage, StageInput input, List<StageRecord> records)
    {
        DateTime now = run.Orchestration.CurrentUtcDateTime;
        DateTime? own = stage.LatencyBudget is { } budget ? now.AddSeconds(budget.Seconds) : null;
        DateTime? pipeline = run.PipelineDeadline;
        bool pipelineFirst = pipeline is { } p && (own is null || p < own);
        if (own is null && pipeline is null)
        {
            return await StageDispatcher.RunAsync(run, stage, input).ConfigureAwait(true);
        }

        if (pipelineFirst && pipeline <= now)
        {
            throw PipelineExpired(run);
        }

        DateTime deadline = pipelineFirst ? pipeline!.Value : own!.Value;
        using var cancelTimer = new CancellationTokenSource();
        run.LimitStage(deadline);
        Task<StageOutcome> work = StageDispatcher.RunAsync(run, stage, input);
        Task timer = run.Orchestration.CreateTimer(deadline, cancelTimer.Token);
        if (await Task.WhenAny(work, timer).ConfigureAwait(true) == work)
        {
            // A pending timer would keep the orchestration from completing: cancel it, on the orchestrator's thread
            // (CancelAsync would run the timer's continuation elsewhere).
            cancelTimer.Cancel();
            return await work.ConfigureAwait(true);
        }

        run.AbandonStage();
        if (pipelineFirst)
        {
            throw PipelineExpired(run);
        }

        LatencyBudget expired = stage.LatencyBudget!;
        if (expired.OnExpiry != LatencyBudgetExpiry.Fallback || expired.FallbackStage is not { } fallbackId)
        {
            throw run.Fail($"exceeded its {Seconds(expired.Seconds)} s latency budget; raise latencyBudget.seconds or set onExpiry 'fallback' with a faster fallbackStage");
        }

        records.Add(run.EndStage(new StageRecord
        {
            StageId = stage.Id,
            Kind = stage.Kind,
            BudgetExpired = true,
            Reason = $"exceeded its {Seconds(expired.Seconds)} s latency budget: fell back to stage '{fallbackId}'",
        }));
        StageDefinition fallback = run.Definition.FindStage(fallbackId)
            ?? throw run.Fail($"the fallback stage '{fallbackId}' does not exist");
        run.BeginStage(fallback);
        return await StageRunner.RunAsync(run, fallback, input, records).ConfigureAwait(true);
    }

    private static PipelineStageException PipelineExpired(StageContext run) =>
        run.Fail($"the pipeline exceeded its {Seconds(run.Definition.LatencyBudgetSeconds ?? 0)} s latency budget; raise latencyBudgetSeconds or give slow stages a latencyBudget with a fallbackStage");

    private static string Seconds(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture);
}
