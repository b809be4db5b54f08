namespace ModelAlloy.Durable;

/// <summary>
/// How an orchestration retries a failed activity or sub-orchestration. Waits between attempts are durable
/// timers, so a retrying orchestration holds no worker and survives restarts. Immutable; checked on creation.
/// </summary>
public sealed class RetryPolicy
{
    /// <summary>Creates a retry policy.</summary>
    /// <param name="maxNumberOfAttempts">Total attempts including the first; at least 1.</param>
    /// <param name="firstRetryInterval">Wait before the second attempt; positive.</param>
    /// <param name="backoffCoefficient">Multiplier applied to the wait after each attempt; at least 1.</param>
    /// <param name="maxRetryInterval">Upper bound for any single wait; defaults to one hour.</param>
    /// <param name="retryTimeout">Give up when the next attempt would start later than this after the first; defaults to no limit.</param>
    /// <param name="handle">
    /// Decides from the failure whether to retry; defaults to every failure. A failure marked non-retriable
    /// (<see cref="TaskFailureDetails.IsNonRetriable"/>) is never retried, whatever the predicate says.
    /// </param>
    public RetryPolicy(
        int maxNumberOfAttempts,
        TimeSpan firstRetryInterval,
        double backoffCoefficient = 1.0,
        TimeSpan? maxRetryInterval = null,
        TimeSpan? retryTimeout = null,
        Func<TaskFailureDetails, bool>? handle = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNumberOfAttempts, 1);
        if (firstRetryInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(firstRetryInterval), firstRetryInterval, "The first retry interval must be positive.");
        }

        if (double.IsNaN(backoffCoefficient) || backoffCoefficient < 1.0)
        {
            throw new ArgumentOutOfRangeException(nameof(backoffCoefficient), backoffCoefficient, "The backoff coefficient must be at least 1.0.");
        }

        if (maxRetryInterval is { } max && max < firstRetryInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(maxRetryInterval), max, "The maximum retry interval must not be shorter than the first retry interval.");
        }

        if (retryTimeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(retryTimeout), timeout, "The retry timeout must be positive.");
        }

        MaxNumberOfAttempts = maxNumberOfAttempts;
        FirstRetryInterval = firstRetryInterval;
        BackoffCoefficient = backoffCoefficient;
        MaxRetryInterval = maxRetryInterval ?? TimeSpan.FromHours(1);
        RetryTimeout = retryTimeout ?? Timeout.InfiniteTimeSpan;
        Handle = handle ?? (_ => true);
    }

    /// <summary>Total attempts including the first.</summary>
    public int MaxNumberOfAttempts { get; }

    /// <summary>Wait before the second attempt.</summary>
    public TimeSpan FirstRetryInterval { get; }

    /// <summary>Multiplier applied to the wait after each attempt.</summary>
    public double BackoffCoefficient { get; }

    /// <summary>Upper bound for any single wait.</summary>
    public TimeSpan MaxRetryInterval { get; }

    /// <summary>Overall limit measured from the first attempt; <see cref="Timeout.InfiniteTimeSpan"/> for none.</summary>
    public TimeSpan RetryTimeout { get; }

    /// <summary>Decides from the failure whether another attempt may help (failures marked non-retriable are never retried).</summary>
    public Func<TaskFailureDetails, bool> Handle { get; }

    /// <summary>
    /// The wait before attempt <paramref name="nextAttempt"/> (2 for the first retry), or null to stop retrying.
    /// A failure's <see cref="TaskFailureDetails.RetryAfter"/> lengthens the wait but never past the retry timeout.
    /// </summary>
    public TimeSpan? GetDelayBeforeAttempt(int nextAttempt, TaskFailureDetails failure, TimeSpan elapsedSinceFirstAttempt)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (nextAttempt > MaxNumberOfAttempts || failure.IsNonRetriable || !Handle(failure))
        {
            return null;
        }

        // In ticks and compared before converting, so late attempts or a TimeSpan.MaxValue cap cannot overflow.
        var computed = FirstRetryInterval.Ticks * Math.Pow(BackoffCoefficient, nextAttempt - 2);
        var delay = computed >= MaxRetryInterval.Ticks ? MaxRetryInterval : TimeSpan.FromTicks((long)computed);
        if (failure.RetryAfter is { } retryAfter && retryAfter > delay)
        {
            delay = retryAfter;
        }

        if (RetryTimeout != Timeout.InfiniteTimeSpan && delay > RetryTimeout - elapsedSinceFirstAttempt)
        {
            return null;
        }

        return delay;
    }
}
