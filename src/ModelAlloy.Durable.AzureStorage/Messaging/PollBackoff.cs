namespace ModelAlloy.Durable.AzureStorage;

/// <summary>
/// Idle back-off for a queue poller: doubles from 10 ms up to a small cap (no 30 s random sleeps), and any local
/// send to the queue wakes it at once.
/// </summary>
internal sealed class PollBackoff(TimeSpan max)
{
    private static readonly TimeSpan Min = TimeSpan.FromMilliseconds(10);
    private readonly Lock _gate = new();
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TimeSpan _current = Min;

    public void Reset() => _current = Min;

    public void Wake()
    {
        lock (_gate)
        {
            _current = Min;
            _wake.TrySetResult();
        }
    }

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        Task wake;
        lock (_gate)
        {
            if (_wake.Task.IsCompleted)
            {
                _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                return;
            }

            wake = _wake.Task;
        }

        var delay = _current;
        _current = TimeSpan.FromTicks(Math.Min(max.Ticks, _current.Ticks * 2));
        await Task.WhenAny(wake, Task.Delay(delay, cancellationToken)).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }
}
