using System.Diagnostics;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using ModelAlloy.Hosting.SelfHosted;
using ModelAlloy.Models;
using ModelAlloy.Models.Durable;
using ModelAlloy.Pipelines.Definitions;
using ModelAlloy.Pipelines.Orchestration;

namespace ModelAlloy.Bench.Pipelines;

/// <summary>
/// Runs one item through a pipeline on one backend and measures it: wall time from reading the definition and
/// scheduling (as the starters do) to the SDK client's
/// completion wait returning, and the run's ledger rows for its critical path and cost. A run that asks for a person
/// (an ensemble review) is answered at once with the first candidate; only then is the custom status polled.
/// </summary>
internal sealed class PipelineRunner(string backend, SelfHostedDurableHost host)
{
    private static readonly TimeSpan ReviewPoll = TimeSpan.FromMilliseconds(25);

    public string Backend { get; } = backend;

    public async Task<PipelineSample> RunAsync(string pipeline, string input, bool mayAskForReview, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        DurableTaskClient client = host.Client;
        var clock = Stopwatch.StartNew();
        // As the product's starters do: read the definition, hand it to the run (PipelineLibrary.PrepareRunAsync).
        PipelineRunInput run = await host.Services.GetRequiredService<PipelineLibrary>().PrepareRunAsync(pipeline, input, timeout.Token);
        string id = await client.ScheduleNewOrchestrationInstanceAsync(PipelineOrchestrator.Name, run, timeout.Token);
        Task<OrchestrationMetadata> completion = client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        bool reviewed = mayAskForReview && await AnswerReviewAsync(client, id, completion, timeout.Token);
        OrchestrationMetadata done = await completion;
        double wall = clock.Elapsed.TotalMilliseconds;
        if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed || done.ReadOutputAs<PipelineRunResult>() is not { } result)
        {
            throw new InvalidOperationException($"{pipeline} ({id}) on {Backend} ended {done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}");
        }

        List<CostRecord> rows = await RowsAsync(id, cancellationToken);
        return new PipelineSample(
            pipeline, id, wall, CriticalPath.Ms(result, rows), rows.Sum(r => r.LatencyMs), rows.Count, result.CostUsd, result.Simulated,
            string.Join(" → ", result.Stages.Select(s => s.Route is null ? s.StageId : $"{s.StageId}[{s.Route}]")), reviewed);
    }

    private async Task<List<CostRecord>> RowsAsync(string runId, CancellationToken cancellationToken)
    {
        ICostLedger ledger = host.Services.GetRequiredService<ICostLedger>();
        DateOnly today = DateOnly.FromDateTime(DateTime.UtcNow);
        var rows = new List<CostRecord>();
        await foreach (CostRecord row in ledger.QueryAsync(today.AddDays(-1), today.AddDays(1), cancellationToken))
        {
            if (row.RunId == runId)
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    /// <summary>Polls until the run completes or asks for a person, and answers the first request; returns whether it did.</summary>
    private static async Task<bool> AnswerReviewAsync(DurableTaskClient client, string id, Task completion, CancellationToken cancellationToken)
    {
        while (!completion.IsCompleted)
        {
            OrchestrationMetadata? state = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
            string? status = state?.SerializedCustomStatus;
            if (status is not null && status.Contains(HumanEscalation.StatusKind, StringComparison.Ordinal))
            {
                HumanEscalationStatus asked = state!.ReadCustomStatusAs<HumanEscalationStatus>()!;
                await client.RaiseEventAsync(id, asked.EventName, new HumanAnswer { Text = "bench: answered by a person" }, cancellationToken);
                return true;
            }

            if (status is not null && state!.ReadCustomStatusAs<PipelineProgress>() is { Review: { } review })
            {
                await client.RaiseEventAsync(id, review.EventName, new PipelineReviewAnswer { Choice = 1 }, cancellationToken);
                return true;
            }

            await Task.WhenAny(completion, Task.Delay(ReviewPoll, cancellationToken));
        }

        return false;
    }
}
