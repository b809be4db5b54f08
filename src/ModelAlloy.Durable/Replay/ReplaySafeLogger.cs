using Microsoft.Extensions.Logging;

namespace ModelAlloy.Durable.Replay;

/// <summary>Forwards to a logger only while the orchestration is not replaying, so each line appears once.</summary>
internal sealed class ReplaySafeLogger(TaskOrchestrationContext context, ILogger inner) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => !context.IsReplaying && inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!context.IsReplaying)
        {
            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
