namespace ModelAlloy.Models;

/// <summary>The in-process <see cref="IModelGateway"/>.</summary>
internal sealed class ModelGateway(IModelAttemptExecutor executor, TimeProvider time) : IModelGateway
{
    public Task<ModelCallResult> CallAsync(ModelCallRequest request, CancellationToken cancellationToken = default) =>
        ModelCallLoop.RunAsync(new DirectModelCallRuntime(executor, time), request, cancellationToken);
}

/// <summary>
/// Runs the policy in-process. Each call gets a fresh run scope for its call ids (the ledger's RunId is still the
/// request's), since outside an orchestration there is no history to make a sequence replay-safe.
/// </summary>
internal sealed class DirectModelCallRuntime(IModelAttemptExecutor executor, TimeProvider time) : IModelCallRuntime
{
    private int _sequence;

    public string RunId { get; } = "direct-" + Guid.NewGuid().ToString("N");

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    public int NextCallSequence() => Interlocked.Increment(ref _sequence);

    public Task<ModelCallOpening> OpenAsync(ModelCallOpeningInput input, CancellationToken cancellationToken) =>
        ModelCallOpener.OpenAsync(executor, input, cancellationToken);

    public Task<ModelAttemptOutcome> RunAttemptAsync(ModelAttemptInput input, CancellationToken cancellationToken) =>
        executor.RunAttemptAsync(input, cancellationToken);

    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) => Task.Delay(delay, time, cancellationToken);
}
