namespace ModelAlloy.Models;

/// <summary>
/// Computes the wait before retrying the same model: exponential backoff, never shorter than the provider's
/// Retry-After. No random jitter: the value must be the same when an orchestration replays.
/// </summary>
internal static class RetryDelayCalculator
{
    /// <summary>Returns the delay after the <paramref name="failedAttemptsOnModel"/>-th failed attempt on one model.</summary>
    public static TimeSpan Compute(RetryOptions options, int failedAttemptsOnModel, TimeSpan? retryAfter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttemptsOnModel, 1);
        double factor = Math.Pow(options.BackoffCoefficient, failedAttemptsOnModel - 1);
        double ticks = Math.Min(options.FirstInterval.Ticks * factor, options.MaxInterval.Ticks);
        var backoff = TimeSpan.FromTicks((long)ticks);
        return retryAfter is { } hint && hint > backoff ? hint : backoff;
    }

    /// <summary>True when a Retry-After is longer than the gateway is willing to wait on one model.</summary>
    public static bool IsTooLong(RetryOptions options, TimeSpan? retryAfter) =>
        retryAfter is { } hint && hint > options.MaxRetryAfter;
}
