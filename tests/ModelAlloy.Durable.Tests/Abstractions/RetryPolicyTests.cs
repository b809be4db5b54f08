namespace ModelAlloy.Durable.Tests.Abstractions;

public sealed class RetryPolicyTests
{
    private static readonly TaskFailureDetails Failure = new("System.InvalidOperationException", "down");
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    public static TheoryData<string, Func<RetryPolicy>> InvalidPolicies => new()
    {
        { "maxNumberOfAttempts", () => new RetryPolicy(0, Second) },
        { "firstRetryInterval", () => new RetryPolicy(3, TimeSpan.Zero) },
        { "firstRetryInterval", () => new RetryPolicy(3, -Second) },
        { "backoffCoefficient", () => new RetryPolicy(3, Second, backoffCoefficient: 0.5) },
        { "backoffCoefficient", () => new RetryPolicy(3, Second, backoffCoefficient: double.NaN) },
        { "maxRetryInterval", () => new RetryPolicy(3, Second, maxRetryInterval: TimeSpan.FromMilliseconds(500)) },
        { "retryTimeout", () => new RetryPolicy(3, Second, retryTimeout: TimeSpan.Zero) },
    };

    [Theory]
    [MemberData(nameof(InvalidPolicies))]
    public void Invalid_setting_is_rejected_naming_the_parameter(string parameter, Func<RetryPolicy> create)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(create);

        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void First_retry_waits_the_first_interval()
    {
        var policy = new RetryPolicy(5, Second, backoffCoefficient: 3);

        Assert.Equal(Second, policy.GetDelayBeforeAttempt(2, Failure, TimeSpan.Zero));
    }

    [Fact]
    public void Waits_grow_by_the_backoff_coefficient()
    {
        var policy = new RetryPolicy(5, Second, backoffCoefficient: 2);

        var waits = Enumerable.Range(2, 4).Select(attempt => policy.GetDelayBeforeAttempt(attempt, Failure, TimeSpan.Zero));

        Assert.Equal([Second, 2 * Second, 4 * Second, 8 * Second], waits);
    }

    [Fact]
    public void Waits_are_capped_by_the_maximum_interval()
    {
        var policy = new RetryPolicy(10, Second, backoffCoefficient: 10, maxRetryInterval: TimeSpan.FromSeconds(30));

        Assert.Equal(TimeSpan.FromSeconds(30), policy.GetDelayBeforeAttempt(4, Failure, TimeSpan.Zero));
    }

    [Fact]
    public void Very_late_attempts_with_an_unbounded_interval_do_not_overflow()
    {
        var policy = new RetryPolicy(int.MaxValue, Second, backoffCoefficient: 2, maxRetryInterval: TimeSpan.MaxValue);

        var wait = policy.GetDelayBeforeAttempt(1000, Failure, TimeSpan.FromDays(1));

        Assert.NotNull(wait);
        Assert.True(wait > TimeSpan.FromDays(10_000));
    }

    [Fact]
    public void Huge_wait_past_the_retry_timeout_stops_retrying_instead_of_overflowing()
    {
        var policy = new RetryPolicy(int.MaxValue, Second, backoffCoefficient: 2, maxRetryInterval: TimeSpan.MaxValue, retryTimeout: TimeSpan.FromDays(30));

        Assert.Null(policy.GetDelayBeforeAttempt(1000, Failure, TimeSpan.FromDays(1)));
    }

    [Fact]
    public void No_retry_after_the_maximum_number_of_attempts()
    {
        var policy = new RetryPolicy(3, Second);

        Assert.NotNull(policy.GetDelayBeforeAttempt(3, Failure, TimeSpan.Zero));
        Assert.Null(policy.GetDelayBeforeAttempt(4, Failure, TimeSpan.Zero));
    }

    [Fact]
    public void No_retry_when_the_next_attempt_would_start_after_the_retry_timeout()
    {
        var policy = new RetryPolicy(10, Second, retryTimeout: TimeSpan.FromSeconds(5));

        Assert.Equal(Second, policy.GetDelayBeforeAttempt(2, Failure, TimeSpan.FromSeconds(4)));
        Assert.Null(policy.GetDelayBeforeAttempt(2, Failure, TimeSpan.FromSeconds(4.5)));
    }

    [Fact]
    public void Retry_after_lengthens_the_wait()
    {
        var policy = new RetryPolicy(3, Second);

        Assert.Equal(TimeSpan.FromSeconds(20), policy.GetDelayBeforeAttempt(2, Failure with { RetryAfter = TimeSpan.FromSeconds(20) }, TimeSpan.Zero));
    }

    [Fact]
    public void Retry_after_shorter_than_the_backoff_does_not_shorten_it()
    {
        var policy = new RetryPolicy(3, TimeSpan.FromSeconds(10));

        Assert.Equal(TimeSpan.FromSeconds(10), policy.GetDelayBeforeAttempt(2, Failure with { RetryAfter = Second }, TimeSpan.Zero));
    }

    [Fact]
    public void Retry_after_past_the_retry_timeout_stops_retrying()
    {
        var policy = new RetryPolicy(3, Second, retryTimeout: TimeSpan.FromSeconds(10));

        Assert.Null(policy.GetDelayBeforeAttempt(2, Failure with { RetryAfter = TimeSpan.FromSeconds(30) }, TimeSpan.Zero));
    }

    [Fact]
    public void Failure_rejected_by_the_predicate_is_not_retried()
    {
        var policy = new RetryPolicy(3, Second, handle: f => f.ErrorType == "System.TimeoutException");

        Assert.Null(policy.GetDelayBeforeAttempt(2, Failure, TimeSpan.Zero));
        Assert.Equal(Second, policy.GetDelayBeforeAttempt(2, Failure with { ErrorType = "System.TimeoutException" }, TimeSpan.Zero));
    }

    [Fact]
    public void Non_retriable_failure_is_not_retried_even_when_the_predicate_accepts_it()
    {
        var policy = new RetryPolicy(3, Second, handle: _ => true);

        Assert.Null(policy.GetDelayBeforeAttempt(2, Failure with { IsNonRetriable = true }, TimeSpan.Zero));
    }

    [Fact]
    public void Defaults_are_one_hour_cap_and_no_timeout()
    {
        var policy = new RetryPolicy(2, Second);

        Assert.Equal(TimeSpan.FromHours(1), policy.MaxRetryInterval);
        Assert.Equal(Timeout.InfiniteTimeSpan, policy.RetryTimeout);
        Assert.Equal(1.0, policy.BackoffCoefficient);
    }
}
