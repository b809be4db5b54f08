namespace ModelAlloy.Models.Tests.Policy;

public sealed class RetryDelayCalculatorTests
{
    private static readonly RetryOptions Options = new()
    {
        FirstInterval = TimeSpan.FromSeconds(1), BackoffCoefficient = 2, MaxInterval = TimeSpan.FromSeconds(5), MaxRetryAfter = TimeSpan.FromSeconds(30),
    };

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(4, 5)]
    [InlineData(10, 5)]
    public void Backoff_grows_by_the_coefficient_up_to_the_maximum(int failures, int expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), RetryDelayCalculator.Compute(Options, failures, retryAfter: null));
    }

    [Fact]
    public void Retry_after_wins_when_longer_than_the_backoff_and_never_shortens_it()
    {
        Assert.Equal(TimeSpan.FromSeconds(12), RetryDelayCalculator.Compute(Options, 1, TimeSpan.FromSeconds(12)));
        Assert.Equal(TimeSpan.FromSeconds(4), RetryDelayCalculator.Compute(Options, 3, TimeSpan.FromMilliseconds(10)));
    }

    [Fact]
    public void Retry_after_beyond_the_limit_is_too_long_to_wait()
    {
        Assert.True(RetryDelayCalculator.IsTooLong(Options, TimeSpan.FromSeconds(31)));
        Assert.False(RetryDelayCalculator.IsTooLong(Options, TimeSpan.FromSeconds(30)));
        Assert.False(RetryDelayCalculator.IsTooLong(Options, null));
    }
}
