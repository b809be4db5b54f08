using ModelAlloy.Models;
using ModelAlloy.Pipelines.Caching;
using ModelAlloy.Pipelines.Definitions;
using ModelAlloy.Pipelines.LearnedRouters;
using ModelAlloy.Pipelines.Stages;
using ModelAlloy.Pipelines.Validation;

namespace ModelAlloy.Pipelines.Orchestration;

/// <summary>
/// The orchestrator that runs any pipeline by name. It reads the definition once, so the run's history holds the text
/// it ran (an edited file never breaks a replay; the next run picks the edit up): the starters hand it the snapshot
/// they read in the run's input; without one, it reads it in an activity first (<see cref="PipelineRunInput.Definition"/>). Then it walks
/// the stage graph: each stage's output is the next one's input, routers choose the branch. Custom status: the
/// stage and the cost so far (<see cref="PipelineProgress"/>). Deterministic: no I/O, time or randomness here.
/// </summary>
public static class PipelineOrchestrator
{
    /// <summary>The orchestrator's name.</summary>
    public const string Name = "ModelAlloy_Pipeline";

    /// <summary>The activity that reads a definition (<see cref="PipelineLibrary.GetSnapshotAsync"/>).</summary>
    public const string LoadDefinitionActivity = "ModelAlloy_Pipeline_LoadDefinition";

    // A missing file share or blob hiccup is retried; an invalid definition is a verdict and is not.
    private static readonly TaskOptions LoadOptions = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 3, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2.0)
        {
            HandleFailure = failure => !failure.IsCausedBy<PipelineDefinitionException>(),
        });

    /// <summary>Gets the activity names.</summary>
    public static IReadOnlyList<string> ActivityNames { get; } =
    [
        LoadDefinitionActivity,
        StageCacheActivities.Lookup,
        StageCacheActivities.Store,
        LearnedRouterScoring.ActivityName,
    ];

    /// <summary>Registers the orchestrator and its activities with a Durable Task SDK registry.</summary>
    /// <param name="registry">The registry.</param>
    public static void Register(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry
            .AddOrchestratorFunc<PipelineRunInput, PipelineRunResult>(Name, RunAsync)
            .AddActivity<LoadPipelineDefinitionActivity>(LoadDefinitionActivity)
            .AddActivity<ScoreLearnedRouterActivity>(LearnedRouterScoring.ActivityName);
        StageCacheActivities.Register(registry);
    }

    /// <summary>Runs a pipeline.</summary>
    /// <param name="context">The orchestration context.</param>
    /// <param name="input">The pipeline name and the input.</param>
    /// <returns>The output, the definition's hash and every stage's record.</returns>
    /// <exception cref="PipelineStageException">When a stage cannot produce an acceptable answer.</exception>
    public static async Task<PipelineRunResult> RunAsync(TaskOrchestrationContext context, PipelineRunInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        PipelineSnapshot snapshot = input.Definition
            ?? await context.CallActivityAsync<PipelineSnapshot>(LoadDefinitionActivity, input.Pipeline, LoadOptions).ConfigureAwait(true);
        if (!string.Equals(snapshot.Name, input.Pipeline, StringComparison.Ordinal))
        {
            throw new PipelineDefinitionException($"the run was given the definition of pipeline '{snapshot.Name}' to run pipeline '{input.Pipeline}'; start it with the definition of '{input.Pipeline}' (PipelineLibrary.PrepareRunAsync) or with none");
        }

        if (!string.Equals(PipelineSnapshot.Hash(snapshot.Content), snapshot.ContentHash, StringComparison.Ordinal))
        {
            throw new PipelineDefinitionException($"the definition of pipeline '{input.Pipeline}' the run was given does not match its content hash {snapshot.ContentHash}; start it with a snapshot read by PipelineLibrary.PrepareRunAsync");
        }

        PipelineParseResult parsed = PipelineDefinitionParser.Parse(new PipelineDocument(snapshot.Source, snapshot.Content), catalog: null);
        PipelineDefinition definition = parsed.Definition
            ?? throw new PipelineDefinitionException($"pipeline '{input.Pipeline}' has an invalid definition", parsed.Errors);

        var run = new StageContext(context, snapshot, definition);
        var records = new List<StageRecord>();
        string text = input.Input;
        StageDefinition? stage = definition.Stages[0];
        while (stage is not null)
        {
            run.BeginStage(stage);
            StageOutcome outcome;
            try
            {
                outcome = await StageRunner.RunAsync(run, stage, new StageInput(text, input.Input), records).ConfigureAwait(true);
            }
            catch (ModelGatewayException ex)
            {
                // A model call the stage could not recover from: say which stage, keep the gateway's code and reason.
                throw run.Fail($"[{ex.ErrorCode}] {ex.Message}", ex);
            }

            records.Add(run.EndStage(outcome.Record));
            text = outcome.Output;
            string? next = outcome.NextStage ?? (run.Stage ?? stage).Next; // a latency fallback continues from the fallback stage
            stage = next is null ? null : definition.FindStage(next);
        }

        run.ReportProgress();
        return new PipelineRunResult
        {
            Pipeline = definition.Name,
            ContentHash = snapshot.ContentHash,
            Output = text,
            Stages = records,
            CostUsd = run.CostUsd,
            Simulated = run.Simulated,
        };
    }
}
