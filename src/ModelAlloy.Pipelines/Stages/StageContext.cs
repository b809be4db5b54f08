using ModelAlloy.Models;
using ModelAlloy.Models.Durable;
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

    public TaskOrchestrationContext Orchestration => orchestration;

    public string Pipeline => definition.Name;

    public PipelineSnapshot Snapshot => snapshot;

    public decimal CostUsd { get; private set; }

    public bool Simulated { get; private set; }

    public int StagesCompleted { get; private set; }

    public StageDefinition? Stage { get; private set; }

    public void BeginStage(StageDefinition stage)
    {
        Stage = stage;
        _stageModels.Clear();
        _stageStartCost = CostUsd;
        _stageStartUtc = orchestration.CurrentUtcDateTime;
        ReportProgress();
    }

    public StageRecord EndStage(StageRecord record)
    {
        StagesCompleted++;
        return record with
        {
            Models = [.. _stageModels],
            CostUsd = CostUsd - _stageStartCost,
            LatencyMs = (long)(orchestration.CurrentUtcDateTime - _stageStartUtc).TotalMilliseconds,
        };
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
            Pipeline = Pipeline,
            Stage = stage.Id,
            TaskType = step.TaskType ?? stage.TaskType ?? purpose,
        };
        try
        {
            ModelCallResult result = await orchestration.CallModelAsync(request).ConfigureAwait(true);
            CostUsd += result.TotalCostUsd;
            Simulated |= result.Simulated;
            _stageModels.Add(result.ModelId);
            return result;
        }
        catch (ModelCallFailedException ex)
        {
            CostUsd += ex.Attempts.Sum(a => a.CostUsd);
            throw;
        }
    }

    public PipelineStageException Fail(string reason, Exception? inner = null) =>
        new(Pipeline, Stage?.Id ?? "?", reason, inner);
}
