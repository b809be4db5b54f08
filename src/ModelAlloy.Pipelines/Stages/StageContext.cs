using ModelAlloy.Models;
using ModelAlloy.Models.Durable;
using ModelAlloy.Pipelines.Budgets;
using ModelAlloy.Pipelines.Definitions;
using ModelAlloy.Pipelines.Orchestration;

namespace ModelAlloy.Pipelines.Stages;

/// <summary>
/// One run as the stages see it: model calls labelled with pipeline, stage and task type, the cost so far, the
/// models that answered in the current stage, and the progress in the custom status.
/// </summary>
internal sealed class StageContext(TaskOrchestrationContext orchestration, PipelineSnapshot snapshot, PipelineDefinition definition)
{
    private readonly List<string> _stageModels = [];
    private decimal _stageStartCost;
    private DateTime _stageStartUtc;
    private bool _stageSimulated;
    private StageScope _scope = new();
    private DateTime? _stageDeadline;

    public TaskOrchestrationContext Orchestration => orchestration;

    public string Pipeline => definition.Name;

    public PipelineDefinition Definition => definition;

    public PipelineSnapshot Snapshot => snapshot;

    public decimal CostUsd { get; private set; }

    public bool Simulated { get; private set; }

    public int StagesCompleted { get; private set; }

    public StageDefinition? Stage { get; private set; }

    /// <summary>Gets when the pipeline's latency budget expires (null: no budget); fixed from the run's replay-safe clock.</summary>
    public DateTime? PipelineDeadline { get; } = definition.LatencyBudgetSeconds is { } seconds ? orchestration.CurrentUtcDateTime.AddSeconds(seconds) : null;

    /// <summary>Gets whether the current stage's answers were simulated.</summary>
    public bool StageSimulated => _stageSimulated;

    public void BeginStage(StageDefinition stage)
    {
        Stage = stage;
        _stageModels.Clear();
        _stageStartCost = CostUsd;
        _stageStartUtc = orchestration.CurrentUtcDateTime;
        _stageSimulated = false;
        _scope = new StageScope();
        _stageDeadline = null;
        ReportProgress();
    }

    public StageRecord EndStage(StageRecord record)
    {
        StagesCompleted++;
        return Complete(record);
    }

    /// <summary>The record with the current stage's models and cost filled in (what <see cref="EndStage"/> returns).</summary>
    public StageRecord Complete(StageRecord record) => record with
    {
        Models = [.. _stageModels],
        CostUsd = CostUsd - _stageStartCost,
        LatencyMs = (long)(orchestration.CurrentUtcDateTime - _stageStartUtc).TotalMilliseconds,
    };

    /// <summary>
    /// Gives up on the current stage (its latency budget expired): its pending model-call timers are cancelled, and a
    /// call it still has in flight counts in the run's cost but not in any stage's, and stops it.
    /// </summary>
    public void AbandonStage() => _scope.Abandon();

    /// <summary>
    /// Bounds the current stage's model calls by its latency deadline: each call's timeout is the time left (at least
    /// a second), so a call the budget gave up on ends about when the budget did. An orchestration cannot complete
    /// while an activity it scheduled is still running; this keeps an abandoned call from holding up the run's end.
    /// </summary>
    public void LimitStage(DateTime deadline) => _stageDeadline = deadline;

    /// <summary>Counts a stage answered from the cache: no cost, simulated if the stored answer was.</summary>
    public void AddCacheHit(bool simulated)
    {
        Simulated |= simulated;
        _stageSimulated |= simulated;
    }

    public void ReportProgress(PipelineReviewRequest? review = null) =>
        orchestration.SetCustomStatus(new PipelineProgress
        {
            Pipeline = Pipeline,
            ContentHash = snapshot.ContentHash,
            Stage = Stage?.Id,
            StagesCompleted = StagesCompleted,
            CostUsd = CostUsd,
            Review = review,
        });

    public void AddSubRun(PipelineRunResult result)
    {
        CostUsd += result.CostUsd;
        Simulated |= result.Simulated;
        _stageModels.AddRange(result.Stages.SelectMany(s => s.Models));
    }

    /// <summary>Calls a step's model with the stage's labels; <paramref name="jsonSchema"/> overrides the step's schema (built-in verdicts).</summary>
    public async Task<ModelCallResult> CallAsync(ModelStep step, string purpose, string defaultPrompt, IReadOnlyDictionary<string, string> values, string? jsonSchema = null)
    {
        StageDefinition stage = Stage ?? throw new InvalidOperationException("no stage is running");
        var messages = new List<ModelMessage>(2);
        if (step.System is { } system)
        {
            messages.Add(ModelMessage.System(PromptTemplate.Render(system, values)));
        }

        messages.Add(ModelMessage.User(PromptTemplate.Render(step.Prompt ?? defaultPrompt, values)));
        var request = new ModelCallRequest
        {
            Role = step.Role,
            Model = step.Model,
            Messages = messages,
            JsonSchema = jsonSchema ?? step.JsonSchema?.GetRawText(),
            Temperature = step.Temperature,
            MaxOutputTokens = step.MaxOutputTokens,
            Timeout = _stageDeadline is { } deadline ? TimeSpan.FromTicks(Math.Max((deadline - orchestration.CurrentUtcDateTime).Ticks, TimeSpan.TicksPerSecond)) : null,
            Pipeline = Pipeline,
            Stage = stage.Id,
            TaskType = step.TaskType ?? stage.TaskType ?? purpose,
        };
        StageScope scope = _scope;
        scope.ThrowIfAbandoned();
        try
        {
            ModelCallResult result = await orchestration.CallModelAsync(request, scope.Token).ConfigureAwait(true);
            AddCost(scope, result.TotalCostUsd);
            Simulated |= result.Simulated;
            _stageSimulated |= result.Simulated;
            _stageModels.Add(result.ModelId);
            return result;
        }
        catch (ModelCallFailedException ex)
        {
            AddCost(scope, ex.Attempts.Sum(a => a.CostUsd));
            throw;
        }
    }

    private void AddCost(StageScope scope, decimal cost)
    {
        CostUsd += cost;
        if (scope.Abandoned)
        {
            // A call of an abandoned stage finished late: real spend, but not the stage now running.
            _stageStartCost += cost;
            scope.ThrowIfAbandoned();
        }
    }

    public PipelineStageException Fail(string reason, Exception? inner = null) =>
        new(Pipeline, Stage?.Id ?? "?", reason, inner);
}
