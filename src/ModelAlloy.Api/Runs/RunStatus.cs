using System.Text.Json;
using ModelAlloy.Pipelines.Orchestration;

namespace ModelAlloy.Api.Runs;

/// <summary>
/// The body of <c>GET /api/runs/{id}</c>: Durable Functions' status fields (instance id, runtime status, times) and
/// the pipeline's own view: its progress (running stage, stages done, cost so far, a pending review), the cost, and,
/// once done, the output with every stage's record, or the failure.
/// </summary>
public sealed record RunStatus
{
    /// <summary>Gets the instance id.</summary>
    public required string InstanceId { get; init; }

    /// <summary>Gets the pipeline's name.</summary>
    public required string Pipeline { get; init; }

    /// <summary>Gets the runtime status (Pending, Running, Completed, Failed, Terminated, Suspended).</summary>
    public required OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    /// <summary>Gets when the run was created (UTC).</summary>
    public required DateTimeOffset CreatedTime { get; init; }

    /// <summary>Gets when the run last changed (UTC).</summary>
    public required DateTimeOffset LastUpdatedTime { get; init; }

    /// <summary>Gets the progress the run reports, while it has reported one.</summary>
    public PipelineProgress? Progress { get; init; }

    /// <summary>Gets the cost so far (the final cost once completed), in US dollars.</summary>
    public decimal CostUsd { get; init; }

    /// <summary>Gets whether a person's review is awaited (POST it to <c>/api/runs/{id}/review</c>).</summary>
    public bool WaitingForReview => Progress?.Review is not null && RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending;

    /// <summary>Gets the output, once completed (SIMULATED when <see cref="PipelineRunResult.Simulated"/>).</summary>
    public PipelineRunResult? Output { get; init; }

    /// <summary>Gets why the run failed, or the reason it was terminated with.</summary>
    public string? Failure { get; init; }

    /// <summary>Reads the status of a pipeline run; null when the instance is not one.</summary>
    /// <param name="instance">The instance, read with its inputs and outputs.</param>
    /// <returns>The status.</returns>
    internal static RunStatus? From(OrchestrationMetadata instance)
    {
        if (instance.Name != PipelineOrchestrator.Name)
        {
            return null;
        }

        PipelineProgress? progress = ReadProgress(instance);
        PipelineRunResult? output = instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? instance.ReadOutputAs<PipelineRunResult>() : null;
        return new RunStatus
        {
            InstanceId = instance.InstanceId,
            Pipeline = output?.Pipeline ?? progress?.Pipeline ?? instance.ReadInputAs<PipelineRunInput>()?.Pipeline ?? string.Empty,
            RuntimeStatus = instance.RuntimeStatus,
            CreatedTime = instance.CreatedAt,
            LastUpdatedTime = instance.LastUpdatedAt,
            Progress = progress,
            CostUsd = output?.CostUsd ?? progress?.CostUsd ?? 0m,
            Output = output,
            Failure = instance.RuntimeStatus switch
            {
                OrchestrationRuntimeStatus.Failed => instance.FailureDetails?.ErrorMessage ?? "failed",
                OrchestrationRuntimeStatus.Terminated => instance.SerializedOutput is { } reason ? Unquote(reason) : "terminated",
                _ => null,
            },
        };
    }

    /// <summary>Whether the run has ended (completed, failed or terminated).</summary>
    internal bool IsTerminal => RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated
#pragma warning disable CS0618 // Canceled: obsolete, but a DTFx backend may still report it
        or OrchestrationRuntimeStatus.Canceled;
#pragma warning restore CS0618

    // The custom status is the pipeline's progress, or a model call's human escalation (another Kind), or nothing yet.
    private static PipelineProgress? ReadProgress(OrchestrationMetadata instance)
    {
        if (instance.SerializedCustomStatus is null)
        {
            return null;
        }

        try
        {
            PipelineProgress? progress = instance.ReadCustomStatusAs<PipelineProgress>();
            return progress?.Kind == PipelineProgress.StatusKind ? progress : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Unquote(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<string>(json) ?? json;
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
