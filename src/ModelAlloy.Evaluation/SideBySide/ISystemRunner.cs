using ModelAlloy.Evaluation.Datasets;

namespace ModelAlloy.Evaluation.SideBySide;

/// <summary>Runs a system on one item to completion (the self-hosted worker in <c>ModelAlloy.Evaluation.SelfHosted</c>).</summary>
public interface ISystemRunner
{
    /// <summary>Runs <paramref name="system"/> on <paramref name="item"/> as run <paramref name="runId"/>.</summary>
    /// <param name="system">The system.</param>
    /// <param name="item">The item.</param>
    /// <param name="runId">The run's id (the orchestration instance id, hence the ledger's run id).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The run's answer and cost; a failed run is returned with <see cref="SystemRun.Error"/>, not thrown.</returns>
    Task<SystemRun> RunAsync(EvalSystem system, EvalItem item, string runId, CancellationToken cancellationToken);
}
