using ModelAlloy.Durable.History;

namespace ModelAlloy.Durable.Testing.Conformance;

/// <summary>
/// RetryPolicy on activities: attempts, backoff as durable timers, timeout, the handle predicate and the hints an
/// activity gives through <see cref="ActivityFailureException"/>. Attempts are counted from history.
/// </summary>
public abstract class RetryConformance(IBackendFactory factory) : ConformanceTest(factory)
{
    private static readonly TimeSpan First = TimeSpan.FromMilliseconds(100);

    private static Action<DurableTaskRegistry> Calling(string activity, Func<int, int> run, RetryPolicy policy) => r => r
        .AddActivity<int, int>(activity, run)
        .AddOrchestrator<int, int>("Retrying", (ctx, x) => ctx.CallActivityAsync<int>(activity, x, TaskOptions.FromRetryPolicy(policy)));

    private static int Attempts(OrchestrationMetadata result) => result.History!.OfType<TaskScheduled>().Count();

    [Fact]
    public async Task Retry_stops_after_the_maximum_number_of_attempts()
    {
        await using var host = await StartHostAsync(Calling("AlwaysFails", _ => throw new InvalidOperationException("down"), new RetryPolicy(3, TimeSpan.FromMilliseconds(10))));

        var result = await host.RunAsync("Retrying", 0);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal(3, Attempts(result));
        Assert.Equal(typeof(InvalidOperationException).FullName, result.FailureDetails!.InnerFailure!.ErrorType);
    }

    [Fact]
    public async Task Retry_returns_the_result_of_the_first_attempt_that_succeeds()
    {
        var calls = 0;
        await using var host = await StartHostAsync(Calling("Flaky", x => Interlocked.Increment(ref calls) < 3 ? throw new InvalidOperationException("flaky") : x * 2, new RetryPolicy(5, TimeSpan.FromMilliseconds(10))));

        var result = await host.RunAsync("Retrying", 21);

        Assert.Equal(42, result.ReadOutputAs<int>());
        Assert.Equal(3, Attempts(result));
    }

    [Fact]
    public async Task Retry_waits_with_backoff_between_attempts_as_durable_timers()
    {
        await using var host = await StartHostAsync(Calling("AlwaysFails", _ => throw new InvalidOperationException("down"), new RetryPolicy(4, First, backoffCoefficient: 2)));

        var result = await host.RunAsync("Retrying", 0);

        var waits = result.History!.OfType<TimerCreated>().Select(t => t.FireAt - t.Timestamp);
        Assert.Equal([First, First * 2, First * 4], waits);
        Assert.Equal(4, Attempts(result));
    }

    [Fact]
    public async Task Retry_waits_are_capped_by_the_maximum_interval()
    {
        await using var host = await StartHostAsync(Calling("AlwaysFails", _ => throw new InvalidOperationException("down"),
            new RetryPolicy(4, First, backoffCoefficient: 3, maxRetryInterval: TimeSpan.FromMilliseconds(150))));

        var result = await host.RunAsync("Retrying", 0);

        var waits = result.History!.OfType<TimerCreated>().Select(t => t.FireAt - t.Timestamp);
        Assert.Equal([First, TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(150)], waits);
    }

    [Fact]
    public async Task Retry_gives_up_when_the_next_attempt_would_start_after_the_retry_timeout()
    {
        // How many attempts fit depends on how fast each one fails on this machine, so the give-up is checked
        // against the orchestration's own clock in the history rather than by a count alone.
        var timeout = TimeSpan.FromSeconds(1);
        await using var host = await StartHostAsync(Calling("AlwaysFails", _ => throw new InvalidOperationException("down"),
            new RetryPolicy(100, First, retryTimeout: timeout)));
        await host.RunAsync("Retrying", 0); // warm-up: a process's first exceptions are slow enough to eat the timeout

        var result = await host.RunAsync("Retrying", 0);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.InRange(Attempts(result), 2, 11); // every retry waits First (100 ms): at most timeout / First + 1
        var firstAttempt = result.History!.OfType<TaskScheduled>().First().Timestamp;
        Assert.All(result.History!.OfType<TimerCreated>(), t => Assert.True(t.FireAt - firstAttempt <= timeout, $"A retry was scheduled {t.FireAt - firstAttempt} after the first attempt."));
        var gaveUpAt = result.History!.OfType<OrchestratorStarted>().Last().Timestamp;
        Assert.True(gaveUpAt - firstAttempt + First > timeout, $"It gave up {gaveUpAt - firstAttempt} after the first attempt, with time for another.");
    }

    [Fact]
    public async Task Failures_the_handle_predicate_rejects_are_not_retried()
    {
        var policy = new RetryPolicy(5, TimeSpan.FromMilliseconds(10), handle: f => f.ErrorType == typeof(TimeoutException).FullName);
        await using var host = await StartHostAsync(Calling("Invalid", _ => throw new ArgumentException("bad"), policy));

        var result = await host.RunAsync("Retrying", 0);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal(1, Attempts(result));
    }

    [Fact]
    public async Task Failures_the_handle_predicate_accepts_are_retried()
    {
        var policy = new RetryPolicy(3, TimeSpan.FromMilliseconds(10), handle: f => f.ErrorType == typeof(TimeoutException).FullName);
        await using var host = await StartHostAsync(Calling("Slow", _ => throw new TimeoutException("slow"), policy));

        var result = await host.RunAsync("Retrying", 0);

        Assert.Equal(3, Attempts(result));
    }

    [Fact]
    public async Task Non_retriable_activity_failure_is_not_retried()
    {
        await using var host = await StartHostAsync(Calling("Rejects", _ => throw new ActivityFailureException("quota exhausted", "QuotaExceeded", isNonRetriable: true),
            new RetryPolicy(5, TimeSpan.FromMilliseconds(10))));

        var result = await host.RunAsync("Retrying", 0);

        Assert.Equal(1, Attempts(result));
        Assert.Equal("QuotaExceeded", result.FailureDetails!.InnerFailure!.ErrorType);
    }

    [Fact]
    public async Task Non_retriable_failure_is_not_retried_even_when_the_predicate_accepts_everything()
    {
        await using var host = await StartHostAsync(Calling("Rejects", _ => throw new ActivityFailureException("quota exhausted", isNonRetriable: true),
            new RetryPolicy(5, TimeSpan.FromMilliseconds(10), handle: _ => true)));

        var result = await host.RunAsync("Retrying", 0);

        Assert.Equal(1, Attempts(result));
    }

    [Fact]
    public async Task Retry_waits_at_least_the_delay_the_activity_asked_for()
    {
        var retryAfter = TimeSpan.FromMilliseconds(400);
        var calls = 0;
        await using var host = await StartHostAsync(Calling("Throttled",
            x => Interlocked.Increment(ref calls) == 1 ? throw new ActivityFailureException("429", retryAfter: retryAfter) : x,
            new RetryPolicy(3, TimeSpan.FromMilliseconds(10))));

        var result = await host.RunAsync("Retrying", 7);

        Assert.Equal(7, result.ReadOutputAs<int>());
        var wait = Assert.Single(result.History!.OfType<TimerCreated>());
        Assert.Equal(retryAfter, wait.FireAt - wait.Timestamp);
    }
}
