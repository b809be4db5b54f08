using Microsoft.Extensions.Logging;

namespace ModelAlloy.Durable;

/// <summary>
/// What an orchestrator sees. Orchestrator code is replayed from history, so it must be deterministic:
/// read time through <see cref="CurrentUtcDateTime"/>, GUIDs through <see cref="NewGuid"/>, do I/O only in
/// activities, and never leave the orchestration's scheduler (no <c>Task.Run</c>, no <c>ConfigureAwait(false)</c>).
/// </summary>
public abstract class TaskOrchestrationContext
{
    /// <summary>The orchestration's name.</summary>
    public abstract string Name { get; }

    /// <summary>The instance id.</summary>
    public abstract string InstanceId { get; }

    /// <summary>The orchestration's version as recorded when the instance started.</summary>
    public abstract string Version { get; }

    /// <summary>The instance id of the parent, when this is a sub-orchestration.</summary>
    public abstract string? ParentInstanceId { get; }

    /// <summary>True while the code is re-executing steps already recorded in history.</summary>
    public abstract bool IsReplaying { get; }

    /// <summary>Deterministic current time: the time the current episode started, as recorded in history.</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>Reads the orchestration input.</summary>
    public abstract T? GetInput<T>();

    /// <summary>Schedules an activity and returns its result.</summary>
    /// <exception cref="TaskFailedException">The activity failed (after any retries).</exception>
    public abstract Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null);

    /// <summary>Schedules an activity that returns nothing useful.</summary>
    public Task CallActivityAsync(string name, object? input = null, TaskOptions? options = null) =>
        CallActivityAsync<object?>(name, input, options);

    /// <summary>Starts a sub-orchestration and returns its output.</summary>
    /// <exception cref="SubOrchestrationFailedException">The child failed or was terminated (after any retries).</exception>
    public abstract Task<TResult> CallSubOrchestratorAsync<TResult>(string name, object? input = null, TaskOptions? options = null);

    /// <summary>Creates a durable timer that fires at <paramref name="fireAt"/> (UTC). Cancelling it makes the task cancelled.</summary>
    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    /// <summary>Creates a durable timer that fires after <paramref name="delay"/>.</summary>
    public Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) =>
        CreateTimer(CurrentUtcDateTime.Add(delay), cancellationToken);

    /// <summary>
    /// Waits for an external event raised with <paramref name="name"/> (case-insensitive). Events that arrive
    /// before anyone waits are buffered, first in first out.
    /// </summary>
    /// <exception cref="TimeoutException">No event arrived within <paramref name="timeout"/>.</exception>
    public abstract Task<T> WaitForExternalEvent<T>(string name, TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>Waits for an external event with no timeout.</summary>
    public Task<T> WaitForExternalEvent<T>(string name, CancellationToken cancellationToken = default) =>
        WaitForExternalEvent<T>(name, Timeout.InfiniteTimeSpan, cancellationToken);

    /// <summary>Sets a status value clients can read while the instance runs. Limited to <see cref="MaxCustomStatusBytes"/> bytes of JSON.</summary>
    /// <exception cref="ArgumentException">The serialized value is too large.</exception>
    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>The largest custom status, in bytes of UTF-8 JSON.</summary>
    public const int MaxCustomStatusBytes = 16 * 1024;

    /// <summary>
    /// Restarts the orchestration with a new input and an empty history once the current code returns.
    /// Use it for eternal or very long loops so history stays small.
    /// </summary>
    /// <param name="newInput">The input of the next execution.</param>
    /// <param name="preserveUnprocessedEvents">Carry external events not yet consumed into the next execution.</param>
    public abstract void ContinueAsNew(object? newInput, bool preserveUnprocessedEvents = true);

    /// <summary>A GUID that is the same on every replay of this point of the orchestration.</summary>
    public abstract Guid NewGuid();

    /// <summary>A logger that stays quiet while the orchestration replays, so each line is written once.</summary>
    public abstract ILogger CreateReplaySafeLogger(string categoryName);
}
