using System.Text.Json;
using Microsoft.DurableTask.Client;
using ModelAlloy.Pipelines.Orchestration;

namespace ModelAlloy.Cli.Runs;

/// <summary>
/// Follows a pipeline run until it ends or the deadline passes: reports every change of its status or progress
/// (<see cref="PipelineProgress"/> custom status) and returns the final state. Waits on the client's completion signal
/// between looks, so a run that ends in this process is seen at once.
/// </summary>
internal static class RunMonitor
{
    /// <summary>How often the status is read while the run goes on.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Follows <paramref name="instanceId"/>.</summary>
    /// <param name="client">The durable client.</param>
    /// <param name="instanceId">The run.</param>
    /// <param name="timeout">How long to follow it.</param>
    /// <param name="onChange">Called with each new state (and its progress, when the status is a pipeline's).</param>
    /// <param name="cancellationToken">Cancels the wait (not the run).</param>
    /// <returns>The final state; a state that is not completed when the deadline passed; null when there is no such run.</returns>
    public static async Task<OrchestrationMetadata?> FollowAsync(
        DurableTaskClient client,
        string instanceId,
        TimeSpan timeout,
        Func<OrchestrationMetadata, PipelineProgress?, Task>? onChange,
        CancellationToken cancellationToken)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        string? seen = null;
        while (true)
        {
            OrchestrationMetadata? state = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
            if (state is null)
            {
                return null;
            }

            string key = state.RuntimeStatus + "|" + state.SerializedCustomStatus;
            if (key != seen)
            {
                seen = key;
                if (onChange is not null)
                {
                    await onChange(state, ProgressOf(state)).ConfigureAwait(false);
                }
            }

            TimeSpan left = deadline - DateTime.UtcNow;
            if (state.IsCompleted || left <= TimeSpan.Zero)
            {
                return state;
            }

            await WaitBrieflyAsync(client, instanceId, left < PollInterval ? left : PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The pipeline progress in a run's custom status, or null (not set yet, or another kind of status).</summary>
    public static PipelineProgress? ProgressOf(OrchestrationMetadata state)
    {
        if (state.SerializedCustomStatus is not { Length: > 0 } json)
        {
            return null;
        }

        try
        {
            PipelineProgress? progress = state.ReadCustomStatusAs<PipelineProgress>();
            return progress?.Kind == PipelineProgress.StatusKind ? progress : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task WaitBrieflyAsync(DurableTaskClient client, string instanceId, TimeSpan wait, CancellationToken cancellationToken)
    {
        using var brief = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        brief.CancelAfter(wait);
        try
        {
            await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: false, brief.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // the brief wait ended: look at the status again
        }
    }
}
