using ModelAlloy.Durable.Backend;
using ModelAlloy.Durable.History;
using ModelAlloy.Testing.Azurite;

namespace ModelAlloy.Durable.AzureStorage.Tests.Tracking;

[Collection(AzuriteCollection.Name)]
public sealed class HistoryStoreTests(AzuriteFixture azurite)
{
    private const string Id = "contended";
    private const string Execution = "exec";

    [Fact]
    public async Task A_stale_worker_writing_a_multi_batch_checkpoint_overwrites_no_committed_row()
    {
        await using var backend = await NewBackendAsync();
        var store = NewStore(backend);
        var first = await store.CheckpointAsync(Id, HistoryState.Empty, Commit(0, 150, "first"), CancellationToken.None);

        // Both workers read `first`; the winner commits 250 events (three transactions), then the stale worker tries.
        var winner = await store.CheckpointAsync(Id, first, Commit(150, 250, "winner"), CancellationToken.None);
        await Assert.ThrowsAsync<CheckpointConflictException>(() => store.CheckpointAsync(Id, first, Commit(150, 250, "stale"), CancellationToken.None));

        var (state, events) = await store.LoadAsync(Id, CancellationToken.None);
        Assert.Equal(winner.ETag, state.ETag);
        Assert.Equal(400, events.Count);
        Assert.Equal(Enumerable.Range(0, 400), events.Select(e => e.EventId));
        Assert.All(events.Skip(150), e => Assert.Equal("winner", ((EventRaised)e).Input));
        await backend.DeleteTaskHubAsync();
    }

    [Fact]
    public async Task A_checkpoint_cut_off_between_its_transactions_stays_invisible_and_the_next_attempt_succeeds()
    {
        var faults = new WriteFaultInjector();
        await using var backend = await NewBackendAsync();
        var store = new HistoryStore(backend.Storage.History, new PayloadStore(backend.Storage.Payloads, 30_000, new()), faults);
        var first = await store.CheckpointAsync(Id, HistoryState.Empty, Commit(0, 10, "first"), CancellationToken.None);

        faults.Arm((point, _) => point == WriteFaultInjector.WritePoints.CommitHistory); // the events' transactions went through, the last one (moving the count) did not
        await Assert.ThrowsAsync<InjectedFaultException>(() => store.CheckpointAsync(Id, first, Commit(10, 250, "crashed"), CancellationToken.None));
        var (afterCrash, visible) = await store.LoadAsync(Id, CancellationToken.None);
        Assert.Equal(10, afterCrash.EventCount);
        Assert.Equal(10, visible.Count);

        faults.Disarm();

        // The retry starts from what it reads now (the guard transactions moved the ETag on).
        await store.CheckpointAsync(Id, afterCrash, Commit(10, 250, "retried"), CancellationToken.None);
        var (_, events) = await store.LoadAsync(Id, CancellationToken.None);
        Assert.Equal(260, events.Count);
        Assert.All(events.Skip(10), e => Assert.Equal("retried", ((EventRaised)e).Input));
        await backend.DeleteTaskHubAsync();
    }

    private async Task<AzureStorageOrchestrationBackend> NewBackendAsync()
    {
        var backend = new AzureStorageOrchestrationBackend(AzuriteBackendFactory.TestOptions(azurite.ConnectionString, AzuriteBackendFactory.NewHubName()));
        await backend.CreateIfNotExistsAsync();
        return backend;
    }

    private static HistoryStore NewStore(AzureStorageOrchestrationBackend backend) =>
        new(backend.Storage.History, new PayloadStore(backend.Storage.Payloads, 30_000, new()), new());

    private static OrchestrationCommit Commit(int firstEventId, int count, string marker) => new()
    {
        ExecutionId = Execution,
        NewEvents = [.. Enumerable.Range(firstEventId, count).Select(i => new EventRaised("e", marker, $"{marker}-{i}") { EventId = i })],
        Status = new InstanceStatusUpdate(OrchestrationRuntimeStatus.Running, null, null, null, DateTime.UtcNow, null),
    };
}
