namespace ModelAlloy.Durable.Replay;

internal sealed partial class ReplayOrchestrationContext
{
    public override Task<T> WaitForExternalEvent<T>(string name, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (timeout < TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The timeout must be positive or infinite.");
        }

        var waiter = session.WaitForEvent(name);
        if (waiter.IsCompleted || (timeout == Timeout.InfiniteTimeSpan && !cancellationToken.CanBeCanceled))
        {
            return Convert<T>(waiter);
        }

        return WaitWithTimeout<T>(name, waiter, timeout, cancellationToken);
    }

    private async Task<T> Convert<T>(Task<string?> waiter) => Converter.Deserialize<T>(await waiter)!;

    private async Task<T> WaitWithTimeout<T>(string name, Task<string?> waiter, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timerCancellation = new CancellationTokenSource();
        var competitors = new List<Task> { waiter };
        Task? timer = null;
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            timer = CreateTimer(CurrentUtcDateTime.Add(timeout), timerCancellation.Token);
            competitors.Add(timer);
        }

        var cancelled = new TaskCompletionSource();
        using var registration = cancellationToken.Register(() => cancelled.TrySetResult());
        competitors.Add(cancelled.Task);

        var winner = await Task.WhenAny(competitors);
        if (winner == waiter)
        {
            timerCancellation.Cancel();
            return Converter.Deserialize<T>(await waiter)!;
        }

        session.StopWaiting(name, waiter);
        timerCancellation.Cancel();
        if (winner == timer)
        {
            throw new TimeoutException($"Orchestration '{InstanceId}' waited {timeout} for external event '{name}' and none arrived.");
        }

        throw new OperationCanceledException(cancellationToken);
    }
}
