using Microsoft.Extensions.Logging;
using ModelAlloy.Durable.Serialization;

namespace ModelAlloy.Durable.Replay;

/// <summary>The orchestration context handed to orchestrator code; every call goes through the session.</summary>
internal sealed partial class ReplayOrchestrationContext(OrchestrationSession session) : TaskOrchestrationContext
{
    private DataConverter Converter => session.Converter;

    public override string Name => session.Name;

    public override string InstanceId => session.InstanceId;

    public override string Version => session.Version;

    public override string? ParentInstanceId => session.Parent?.InstanceId;

    public override bool IsReplaying => session.IsReplaying;

    public override DateTime CurrentUtcDateTime => session.CurrentUtcDateTime;

    public override T? GetInput<T>() where T : default => Converter.Deserialize<T>(session.Input);

    public override Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var serialized = Converter.Serialize(input);
        return options?.Retry is { } retry
            ? WithRetry(() => ActivityOnce<TResult>(name, serialized), retry)
            : ActivityOnce<TResult>(name, serialized);
    }

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(string name, object? input = null, TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var serialized = Converter.Serialize(input);
        var sub = options as SubOrchestrationOptions;
        return options?.Retry is { } retry
            ? WithRetry(() => SubOrchestrationOnce<TResult>(name, sub, serialized), retry)
            : SubOrchestrationOnce<TResult>(name, sub, serialized);
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var (task, timerId) = session.ScheduleTimer(fireAt);
        if (cancellationToken.CanBeCanceled)
        {
            // Cancellation is requested by orchestrator code, on the orchestration's own scheduler: deterministic.
            cancellationToken.Register(() => session.CancelTimer(timerId));
        }

        return task;
    }

    public override void SetCustomStatus(object? customStatus)
    {
        var serialized = Converter.Serialize(customStatus);
        var bytes = serialized is null ? 0 : System.Text.Encoding.UTF8.GetByteCount(serialized);
        if (bytes > MaxCustomStatusBytes)
        {
            throw new ArgumentException(
                $"The custom status of orchestration '{InstanceId}' is {bytes} bytes of JSON; the limit is {MaxCustomStatusBytes}. " +
                "Store large data in an activity's output instead.",
                nameof(customStatus));
        }

        session.CustomStatus = serialized;
    }

    public override void ContinueAsNew(object? newInput, bool preserveUnprocessedEvents = true) =>
        session.ContinueAsNew = new ContinueAsNewRequest(Converter.Serialize(newInput), preserveUnprocessedEvents);

    public override Guid NewGuid() => session.NewGuid();

    public override ILogger CreateReplaySafeLogger(string categoryName) =>
        new ReplaySafeLogger(this, session.LoggerFactory.CreateLogger(categoryName));

    private async Task<TResult> ActivityOnce<TResult>(string name, string? input)
    {
        var result = await session.ScheduleActivity(name, input);
        return Converter.Deserialize<TResult>(result)!;
    }

    private async Task<TResult> SubOrchestrationOnce<TResult>(string name, SubOrchestrationOptions? options, string? input)
    {
        var result = await session.ScheduleSubOrchestration(name, options?.InstanceId, options?.Version, input);
        return Converter.Deserialize<TResult>(result)!;
    }

    private async Task<TResult> WithRetry<TResult>(Func<Task<TResult>> attempt, RetryPolicy policy)
    {
        var firstAttemptAt = CurrentUtcDateTime;
        for (var number = 1; ; number++)
        {
            try
            {
                return await attempt();
            }
            catch (TaskFailedException ex)
            {
                var delay = policy.GetDelayBeforeAttempt(number + 1, ex.FailureDetails, CurrentUtcDateTime - firstAttemptAt);
                if (delay is null)
                {
                    throw;
                }

                await CreateTimer(CurrentUtcDateTime.Add(delay.Value), CancellationToken.None);
            }
        }
    }
}
