using DurableTask.Core;
using DurableTask.Core.History;

namespace ModelAlloy.Hosting.SelfHosted.Sidecar;

/// <summary>
/// DTFx Azure Storage turns a timer into a queue message whose visibility delay is <c>FireAt - now</c>, and the queue
/// keeps only whole seconds of it: a 1.9 s timer fires after 1 s. Moving <c>FireAt</c> half a second past the next
/// whole second of the delay makes the truncated delay at least the wanted one, so timers fire at or after their time
/// (at most a second late), never early. The orchestration never sees the shift: it waits on its own timer id and
/// reads the time of the episode that resumes it.
/// </summary>
internal static class TimerAlignment
{
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(500);

    /// <summary>Shifts the fire time of each timer message, in place.</summary>
    /// <param name="timerMessages">The episode's timer messages.</param>
    /// <param name="utcNow">The current time.</param>
    public static void Align(IEnumerable<TaskMessage>? timerMessages, DateTime utcNow)
    {
        foreach (TaskMessage message in timerMessages ?? [])
        {
            if (message.Event is TimerFiredEvent fired)
            {
                fired.FireAt = AlignedFireAt(fired.FireAt.ToUniversalTime(), utcNow);
            }
        }
    }

    /// <summary>The fire time whose whole-second delay from <paramref name="utcNow"/> is not shorter than the wanted one.</summary>
    /// <param name="fireAt">The wanted fire time (UTC).</param>
    /// <param name="utcNow">The current time (UTC).</param>
    /// <returns>The fire time to send.</returns>
    public static DateTime AlignedFireAt(DateTime fireAt, DateTime utcNow)
    {
        TimeSpan delay = fireAt - utcNow;
        if (delay <= TimeSpan.Zero)
        {
            return fireAt;
        }

        long wholeSeconds = (delay.Ticks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond;
        return DateTime.SpecifyKind(utcNow + TimeSpan.FromSeconds(wholeSeconds) + Margin, DateTimeKind.Utc);
    }
}
