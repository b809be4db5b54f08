namespace ModelAlloy.Models;

/// <summary>
/// Where the policy runs. The durable runtime schedules attempts as activities and waits with durable timers;
/// the in-process runtime calls directly and waits on a <see cref="TimeProvider"/>. The policy itself
/// (<see cref="ModelCallLoop"/>) reads time and side effects only through this interface.
/// </summary>
public interface IModelCallRuntime
{
    /// <summary>Gets the run id (the orchestration instance id in durable runs).</summary>
    string RunId { get; }

    /// <summary>Gets the current time (replay-safe in orchestrations).</summary>
    DateTime UtcNow { get; }

    /// <summary>Returns the next model-call sequence number of this run (replay-safe).</summary>
    /// <returns>1 for the run's first call, then 2, 3...</returns>
    int NextCallSequence();

    /// <summary>
    /// Opens a call: resolves its plan from the catalog and runs the first attempt the policy chooses from it
    /// (<see cref="ModelCallOpener.OpenAsync"/>), in one step.
    /// </summary>
    /// <param name="input">The call to open.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The plan and the first attempt's outcome.</returns>
    Task<ModelCallOpening> OpenAsync(ModelCallOpeningInput input, CancellationToken cancellationToken);

    /// <summary>Runs one attempt.</summary>
    /// <param name="input">The attempt.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The outcome; failures are returned, not thrown.</returns>
    Task<ModelAttemptOutcome> RunAttemptAsync(ModelAttemptInput input, CancellationToken cancellationToken);

    /// <summary>Waits before the next attempt.</summary>
    /// <param name="delay">How long.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes after the delay.</returns>
    Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken);
}
