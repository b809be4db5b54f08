using DurableTask.Core;
using DurableTask.Core.History;
using Google.Protobuf.Collections;
using Microsoft.DurableTask.Testing.Sidecar.Dispatcher;
using ModelAlloy.Hosting.SelfHosted.Sidecar;

namespace ModelAlloy.Hosting.Tests.Sidecar;

/// <summary>What the sidecar hands DTFx, turned into types DTFx Azure Storage can store and read back.</summary>
public sealed class HistoryNormalizerTests
{
    [Fact]
    public void The_sidecars_sub_orchestration_event_becomes_the_plain_DTFx_event_in_history()
    {
        var state = new OrchestrationRuntimeState();
        state.AddEvent(new OrchestratorStartedEvent(-1));
        state.AddEvent(new ExecutionStartedEvent(-1, "\"in\"") { Name = "Parent", OrchestrationInstance = new OrchestrationInstance { InstanceId = "p", ExecutionId = "e" } });
        state.AddEvent(new GrpcSubOrchestrationInstanceCreatedEvent(3) { Name = "Child", Version = "2", InstanceId = "p:0003", Input = "42" });

        HistoryNormalizer.Normalize(state);

        HistoryEvent created = state.NewEvents[2];
        Assert.Equal(typeof(SubOrchestrationInstanceCreatedEvent), created.GetType());
        Assert.Same(created, state.Events[2]);
        var plain = (SubOrchestrationInstanceCreatedEvent)created;
        Assert.Equal((3, "Child", "2", "p:0003", "42"), (plain.EventId, plain.Name, plain.Version, plain.InstanceId, plain.Input));
    }

    [Fact]
    public void Protobuf_tags_of_a_started_sub_orchestration_become_a_dictionary()
    {
        var tags = new MapField<string, string> { ["tenant"] = "contoso" };
        var message = new TaskMessage { Event = new ExecutionStartedEvent(-1, null) { Tags = tags } };

        HistoryNormalizer.Normalize(null, [message]);

        IDictionary<string, string> normalized = ((ExecutionStartedEvent)message.Event).Tags;
        Assert.Equal(typeof(Dictionary<string, string>), normalized.GetType());
        Assert.Equal("contoso", normalized["tenant"]);
    }

    [Fact]
    public void Plain_events_are_left_as_they_are()
    {
        var scheduled = new TaskScheduledEvent(1) { Name = "Activity" };
        var started = new ExecutionStartedEvent(-1, null) { Tags = new Dictionary<string, string> { ["a"] = "b" } };
        IDictionary<string, string> tags = started.Tags;

        Assert.Same(scheduled, HistoryNormalizer.Normalize(scheduled));
        Assert.Same(started, HistoryNormalizer.Normalize(started));
        Assert.Same(tags, started.Tags);
    }
}
