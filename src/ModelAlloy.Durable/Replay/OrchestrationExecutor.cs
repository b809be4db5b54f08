using Microsoft.Extensions.Logging;
using ModelAlloy.Durable.Backend;
using ModelAlloy.Durable.History;
using ModelAlloy.Durable.Worker;

namespace ModelAlloy.Durable.Replay;

/// <summary>
/// Runs one episode of an orchestration: takes the live session from the cache (or rebuilds it by replaying
/// history), applies the new messages, and commits what the orchestrator did. On any failure the work item is
/// abandoned, so its messages come back and the episode runs again from the committed history.
/// </summary>
internal sealed class OrchestrationExecutor(
    OrchestrationRuntime runtime,
    IOrchestrationBackend backend,
    OrchestrationSessionCache cache,
    TimeProvider time,
    ILogger<OrchestrationExecutor> logger,
    InstanceCommitSignals? signals = null)
{
    /// <summary>Continue-as-new loops that never await are a bug; stop them instead of spinning a worker forever.</summary>
    internal const int MaxContinuationsPerEpisode = 1000;

    private long _replays;
    private long _replayedEvents;

    /// <summary>Episodes that had to rebuild their session from stored history (cache misses on a started instance).</summary>
    internal long Replays => Interlocked.Read(ref _replays);

    /// <summary>History events re-applied by those replays: the cost the session cache exists to avoid.</summary>
    internal long ReplayedEvents => Interlocked.Read(ref _replayedEvents);

    public async Task ExecuteAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken)
    {
        try
        {
            var session = cache.TryTake(workItem.InstanceId, workItem.HistoryVersion);
            if (session is null)
            {
                var history = workItem.History ?? await backend.LoadHistoryAsync(workItem, cancellationToken).ConfigureAwait(false);
                session = new OrchestrationSession(runtime, workItem.InstanceId);
                session.Replay(history);
                if (history.Count > 0)
                {
                    Interlocked.Increment(ref _replays);
                    Interlocked.Add(ref _replayedEvents, history.Count);
                }

                Logs.SessionReplayed(logger, workItem.InstanceId, history.Count);
            }

            var now = time.GetUtcNow().UtcDateTime;
            var (final, commit) = RunEpisode(session, workItem, now);
            var version = await backend.CompleteOrchestrationWorkItemAsync(workItem, commit, cancellationToken).ConfigureAwait(false);
            signals?.Committed(workItem.InstanceId);
            final.HistoryVersion = version;
            if (!final.IsCompleted)
            {
                cache.Put(final);
            }
            else
            {
                Logs.OrchestrationFinished(logger, final.InstanceId, final.Name, final.Status);
            }
        }
        catch (Exception ex)
        {
            Logs.EpisodeAbandoned(logger, workItem.InstanceId, ex.GetType().Name, ex.Message);
            await backend.AbandonOrchestrationWorkItemAsync(workItem, ex, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private (OrchestrationSession Session, OrchestrationCommit Commit) RunEpisode(OrchestrationSession session, OrchestrationWorkItem workItem, DateTime now)
    {
        var deferred = new List<OrchestrationMessage>();
        var replies = new List<OrchestrationMessage>();
        var inbox = new Queue<OrchestrationMessage>(workItem.NewMessages.OrderBy(m => ApplyOrder(m, session)));
        session.BeginEpisode(now);
        var continued = false;
        for (var continuations = 0; ; continuations++)
        {
            // Stop applying at a ContinueAsNew: the rest of the batch belongs to the next execution, not the finished one.
            while (!IsContinuing(session) && inbox.TryDequeue(out var message))
            {
                switch (session.TryApply(message))
                {
                    case MessageDisposition.Deferred:
                        deferred.Add(message);
                        break;
                    case MessageDisposition.Discarded when session.RejectionOf(message) is { } rejection:
                        replies.Add(rejection);
                        break;
                }
            }

            if (!IsContinuing(session))
            {
                break;
            }

            if (continuations == MaxContinuationsPerEpisode)
            {
                session.Fail(new TaskFailureDetails(
                    typeof(InvalidOperationException).FullName!,
                    $"Orchestration '{session.Name}' called ContinueAsNew {MaxContinuationsPerEpisode} times without awaiting anything; it would loop forever."));
                break;
            }

            var request = session.ContinueAsNew!;
            var carried = request.PreserveUnprocessedEvents ? session.UnconsumedEvents().ToArray() : [];
            session = StartNextExecution(session, request, now);
            // Carried events are addressed to no execution in particular (as client events are), so a later
            // continuation in this same episode can still take them.
            inbox = new Queue<OrchestrationMessage>(carried
                .Select(raised => new OrchestrationMessage(session.InstanceId, null, raised with { EventId = -1 }, raised.MessageId))
                .Concat(inbox));
            continued = true;
        }

        return (session, session.EndEpisode(deferred, replacesHistory: continued, replies));
    }

    private static bool IsContinuing(OrchestrationSession session) => session.ContinueAsNew is not null && session.IsCompleted;

    private OrchestrationSession StartNextExecution(OrchestrationSession previous, ContinueAsNewRequest request, DateTime now)
    {
        var executionId = DeterministicGuid.Create($"{previous.InstanceId}|{previous.ExecutionId}|continue").ToString("N");
        var next = new OrchestrationSession(runtime, previous.InstanceId);
        next.BeginEpisode(now);
        var start = new ExecutionStarted(previous.Name, previous.Version, request.Input, executionId, previous.Parent, TraceId: previous.TraceId) { Timestamp = now };
        next.TryApply(new OrchestrationMessage(previous.InstanceId, executionId, start, $"{previous.InstanceId}|{executionId}|start"));
        return next;
    }

    /// <summary>
    /// The start goes first so the other messages of its batch have an execution to apply to. But a suspension sent
    /// while the instance was still pending precedes its start: when both arrive in one batch (a scheduled start
    /// falling due before the suspend was processed), the start must wait for the resume, not run.
    /// </summary>
    private static int ApplyOrder(OrchestrationMessage message, OrchestrationSession session) => message.Event switch
    {
        ExecutionSuspended when !session.IsStarted => 0,
        ExecutionStarted => 1,
        _ => 2,
    };
}
