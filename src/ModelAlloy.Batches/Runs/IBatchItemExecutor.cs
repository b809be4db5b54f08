using ModelAlloy.Batches.Items;
using ModelAlloy.Batches.Results;

namespace ModelAlloy.Batches.Runs;

/// <summary>Runs one batch item to its end under a given instance id, or reads back the result of a run that already ended.</summary>
public interface IBatchItemExecutor
{
    /// <summary>Runs (or resumes, or reads back) the item's run.</summary>
    /// <param name="instanceId">The instance id derived from the batch and the item.</param>
    /// <param name="item">The item.</param>
    /// <param name="cancellationToken">Stops waiting (the run itself goes on in the durable store).</param>
    /// <returns>The finished item.</returns>
    Task<BatchItemResult> RunAsync(string instanceId, BatchItem item, CancellationToken cancellationToken);
}
