using Microsoft.Extensions.DependencyInjection;
using ModelAlloy.Durable.AzureStorage.TestWorker;

namespace ModelAlloy.Durable.AzureStorage.Tests.Faults;

/// <summary>A client-only engine on a task hub (no polling): starts orchestrations and reads their state.</summary>
internal sealed class FaultClient : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public FaultClient(string connection, string hub)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDurableTask(b =>
        {
            b.UseAzureStorage(o => FaultWorkerOptions.Apply(o, connection, hub));
            b.AddTasks(FaultWorkload.Register);
            b.ConfigureWorker(o => o.EnablePolling = false);
        });
        _services = services.BuildServiceProvider();
    }

    public DurableTaskClient Client => _services.GetRequiredService<DurableTaskClient>();

    public AzureStorageOrchestrationBackend Backend => (AzureStorageOrchestrationBackend)_services.GetRequiredService<ModelAlloy.Durable.Backend.IOrchestrationBackend>();

    public Task<string[]> StartAsync(int count, int width, int length) =>
        Task.WhenAll(Enumerable.Range(0, count).Select(_ => Client.ScheduleNewOrchestrationInstanceAsync(FaultWorkload.Orchestrator, new[] { width, length })));

    /// <summary>Waits (bounded) until every instance finished, then returns them with history.</summary>
    public async Task<OrchestrationMetadata[]> WaitAllAsync(IEnumerable<string> ids, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        await Task.WhenAll(ids.Select(id => Client.WaitForInstanceCompletionAsync(id, timeout.Token)));
        return await Task.WhenAll(ids.Select(async id => (await Client.GetInstanceAsync(id, getInputsAndOutputs: true, includeHistory: true))!));
    }

    /// <summary>How many of the instances have not finished yet.</summary>
    public async Task<int> CountUnfinishedAsync(IEnumerable<string> ids)
    {
        var states = await Task.WhenAll(ids.Select(id => Client.GetInstanceAsync(id)));
        return states.Count(s => s is not { IsCompleted: true });
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
