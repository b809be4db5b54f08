using ModelAlloy.Hosting.SelfHosted.Sidecar;

namespace ModelAlloy.Hosting.Tests.Sidecar;

/// <summary>A queue that keeps whole seconds of a visibility delay must never fire an aligned timer early.</summary>
public sealed class TimerAlignmentTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 12, 0, 0, 250, DateTimeKind.Utc);

    [Theory]
    [InlineData(100)]
    [InlineData(999)]
    [InlineData(1000)]
    [InlineData(1900)]
    [InlineData(2500)]
    [InlineData(60_001)]
    public void The_whole_second_delay_the_queue_keeps_is_never_shorter_than_the_timer(int delayMs)
    {
        DateTime fireAt = Now.AddMilliseconds(delayMs);

        DateTime aligned = TimerAlignment.AlignedFireAt(fireAt, Now);

        foreach (int sendLagMs in new[] { 0, 5, 100, 400 })
        {
            DateTime sentAt = Now.AddMilliseconds(sendLagMs);
            var kept = TimeSpan.FromSeconds(Math.Floor((aligned - sentAt).TotalSeconds)); // what Azure Storage keeps
            Assert.True(sentAt + kept >= fireAt, $"{delayMs} ms timer sent {sendLagMs} ms later fires {(fireAt - (sentAt + kept)).TotalMilliseconds} ms early");
            Assert.True(sentAt + kept <= fireAt.AddSeconds(1.5), $"{delayMs} ms timer fires more than 1.5 s late");
        }

        Assert.Equal(DateTimeKind.Utc, aligned.Kind);
    }

    [Fact]
    public void A_timer_already_due_is_left_alone()
    {
        DateTime due = Now.AddMilliseconds(-1);

        Assert.Equal(due, TimerAlignment.AlignedFireAt(due, Now));
    }
}
