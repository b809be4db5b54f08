using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace ModelAlloy.Bench;

/// <summary>One line per log entry: seconds since the bench started, the engine, the level, the category and event id, the message.</summary>
internal sealed class PrefixedConsoleLoggerProvider(string engine, Stopwatch clock) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(engine, categoryName, clock);

    public void Dispose()
    {
    }

    private sealed class Logger(string engine, string category, Stopwatch clock) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            string error = exception is null ? "" : $" ({exception.GetType().Name}: {exception.Message})";
            Console.WriteLine($"{clock.Elapsed.TotalSeconds,7:F1}s [{engine}] {logLevel} {category}[{eventId.Id}] {formatter(state, exception)}{error}");
        }
    }
}
