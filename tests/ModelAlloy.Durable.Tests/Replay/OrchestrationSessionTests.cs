using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ModelAlloy.Durable.History;
using ModelAlloy.Durable.Replay;
using ModelAlloy.Durable.Serialization;

namespace ModelAlloy.Durable.Tests.Replay;

/// <summary>What the executor does with each incoming message, driven directly on a session.</summary>
public sealed class OrchestrationSessionTests
{
    private static readonly DateTime Now = new(2025, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    private static readonly OrchestrationRuntime Runtime = new(
        new DurableTaskRegistry().AddOrchestrator<int, int>("AddOneTwice", async (ctx, x) =>
            await ctx.CallActivityAsync<int>("AddOne", await ctx.CallActivityAsync<int>("AddOne", x))),
        new ServiceCollection().BuildServiceProvider(), JsonDataConverter.Default, NullLoggerFactory.Instance);

    private static OrchestrationMessage Start(string executionId = "e1") =>
        new("i1", executionId, new ExecutionStarted("AddOneTwice", "1.0", "1", executionId) { Timestamp = Now }, $"i1|{executionId}|start");

    private static OrchestrationMessage Result(int taskId, int value, string executionId = "e1") =>
        new("i1", executionId, new TaskCompleted(taskId, value.ToString(System.Globalization.CultureInfo.InvariantCulture)), $"i1|{executionId}|{taskId}|result");

    private static OrchestrationSession Started()
    {
        var session = new OrchestrationSession(Runtime, "i1");
        session.BeginEpisode(Now);
        session.TryApply(Start());
        session.EndEpisode([]);
        return session;
    }

    [Fact]
    public void Result_for_a_task_not_yet_recorded_is_deferred()
    {
        var session = new OrchestrationSession(Runtime, "i1");
        session.BeginEpisode(Now);
        session.TryApply(Start());

        Assert.Equal(MessageDisposition.Deferred, session.TryApply(Result(0, 2)));
    }

    [Fact]
    public void Result_arriving_before_the_start_is_deferred()
    {
        var session = new OrchestrationSession(Runtime, "i1");
        session.BeginEpisode(Now);

        Assert.Equal(MessageDisposition.Deferred, session.TryApply(Result(0, 2)));
    }

    [Fact]
    public void Deferred_result_applies_once_its_task_is_recorded()
    {
        var session = new OrchestrationSession(Runtime, "i1");
        session.BeginEpisode(Now);
        session.TryApply(Start());
        session.TryApply(Result(0, 2));
        var first = session.EndEpisode([Result(0, 2)]);

        session.BeginEpisode(Now);
        var disposition = session.TryApply(Result(0, 2));
        var second = session.EndEpisode([]);

        Assert.Single(first.DeferredMessages);
        Assert.Equal(MessageDisposition.Applied, disposition);
        Assert.Equal([1], second.Activities.Select(a => a.TaskId));
    }

    [Fact]
    public void Second_copy_of_a_result_is_discarded()
    {
        var session = Started();
        session.BeginEpisode(Now);
        session.TryApply(Result(0, 2));

        Assert.Equal(MessageDisposition.Discarded, session.TryApply(Result(0, 2)));
    }

    [Fact]
    public void Second_copy_of_an_event_is_discarded()
    {
        var session = Started();
        session.BeginEpisode(Now);
        var raised = new OrchestrationMessage("i1", null, new EventRaised("e", "1", "m1"), "m1");
        session.TryApply(raised);

        Assert.Equal(MessageDisposition.Discarded, session.TryApply(raised));
    }

    [Fact]
    public void Message_for_an_older_execution_is_discarded()
    {
        var session = Started();
        session.BeginEpisode(Now);

        Assert.Equal(MessageDisposition.Discarded, session.TryApply(Result(0, 2, executionId: "e0")));
    }

    [Fact]
    public void Second_start_is_discarded()
    {
        var session = Started();
        session.BeginEpisode(Now);

        Assert.Equal(MessageDisposition.Discarded, session.TryApply(Start()));
    }

    [Fact]
    public void Replaying_committed_history_rebuilds_a_session_that_continues_where_the_first_stopped()
    {
        var live = Started();
        live.BeginEpisode(Now);
        live.TryApply(Result(0, 2));
        live.EndEpisode([]);

        var rebuilt = new OrchestrationSession(Runtime, "i1");
        rebuilt.Replay(live.History.ToArray());
        rebuilt.BeginEpisode(Now);
        rebuilt.TryApply(Result(1, 3));
        var commit = rebuilt.EndEpisode([]);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, commit.Status.RuntimeStatus);
        Assert.Equal("3", commit.Status.Output);
    }
}
