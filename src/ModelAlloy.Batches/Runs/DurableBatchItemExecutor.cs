using ModelAlloy.Batches.Items;
using ModelAlloy.Batches.Results;
using ModelAlloy.Pipelines.Definitions;
using ModelAlloy.Pipelines.Orchestration;

namespace ModelAlloy.Batches.Runs;

/// <summary>
/// Runs a batch item as a <see cref="PipelineOrchestrator"/> instance: an instance that already ended is read back
/// (marked skipped: nothing runs again), one that exists but runs (started before a crash) is waited for, and only a
/// missing one is started, at most once (<see cref="InstanceStarter"/>).
/// </summary>
/// <param name="client">The durable client.</param>
/// <param name="definition">The definition every item runs, read once for the batch (each run keeps it in its input).</param>
public sealed class DurableBatchItemExecutor(DurableTaskClient client, PipelineSnapshot definition) : IBatchItemExecutor
{
    /// <inheritdoc />
    public async Task<BatchItemResult> RunAsync(string instanceId, BatchItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        OrchestrationMetadata? existing = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (existing is { IsCompleted: true })
        {
            return BatchItemResults.From(item.Id, existing, skipped: true);
        }

        if (existing is null)
        {
            PipelineRunInput input = PipelineRunInput.For(definition, item.Input);
            await InstanceStarter.StartOnceAsync(client, PipelineOrchestrator.Name, input, instanceId, cancellationToken).ConfigureAwait(false);
        }

        OrchestrationMetadata done = await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        return BatchItemResults.From(item.Id, done, skipped: false);
    }
}
