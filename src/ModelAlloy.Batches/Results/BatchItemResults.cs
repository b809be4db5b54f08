using ModelAlloy.Pipelines.Orchestration;

namespace ModelAlloy.Batches.Results;

/// <summary>Turns a pipeline instance that ended into a batch result (output, cost, latency, path or failure).</summary>
public static class BatchItemResults
{
    /// <summary>Reads the result of an ended instance.</summary>
    /// <param name="itemId">The item id.</param>
    /// <param name="instance">The instance, read with its inputs and outputs.</param>
    /// <param name="skipped">Whether it ended before this pass.</param>
    /// <returns>The result.</returns>
    public static BatchItemResult From(string itemId, OrchestrationMetadata instance, bool skipped)
    {
        ArgumentNullException.ThrowIfNull(instance);
        double latency = Math.Max(0, (instance.LastUpdatedAt - instance.CreatedAt).TotalMilliseconds);
        if (instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed && instance.ReadOutputAs<PipelineRunResult>() is { } run)
        {
            return new BatchItemResult
            {
                Id = itemId,
                Instance = instance.InstanceId,
                Status = BatchItemStatus.Completed,
                Skipped = skipped,
                Output = run.Output,
                CostUsd = run.CostUsd,
                LatencyMs = latency,
                Stages = Path(run.Stages),
                Simulated = run.Simulated,
            };
        }

        return new BatchItemResult
        {
            Id = itemId,
            Instance = instance.InstanceId,
            Status = instance.RuntimeStatus == OrchestrationRuntimeStatus.Terminated ? BatchItemStatus.Terminated : BatchItemStatus.Failed,
            Skipped = skipped,
            LatencyMs = latency,
            Failure = instance.FailureDetails is { } failure
                ? $"{failure.ErrorType}: {failure.ErrorMessage}".Split('\n')[0].Trim()
                : $"the run ended {instance.RuntimeStatus} without a pipeline result",
        };
    }

    /// <summary>Returns the path of a run: <c>triage→billing [sim-mini] &gt; billing [sim-mini, sim-haiku]</c>.</summary>
    /// <param name="stages">The stages.</param>
    /// <returns>The path.</returns>
    public static string Path(IReadOnlyList<StageRecord> stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        return string.Join(" > ", stages.Select(s =>
            s.StageId + (s.Route is { } route ? "→" + route : "") + (s.Models.Count > 0 ? $" [{string.Join(", ", s.Models)}]" : "")));
    }
}
