using ModelAlloy.Durable.Backend;
using ModelAlloy.Durable.InMemory;
using ModelAlloy.Durable.Testing;

namespace ModelAlloy.Durable.Tests.InMemory;

/// <summary>Supplies a fresh in-memory backend to the conformance suite.</summary>
public sealed class InMemoryBackendFactory : IBackendFactory
{
    public Task<IOrchestrationBackend> CreateAsync(WriteFaultInjector faults, bool externalDelivery, TimeProvider time, CancellationToken cancellationToken) =>
        Task.FromResult<IOrchestrationBackend>(new InMemoryOrchestrationBackend(
            new InMemoryBackendOptions { Faults = faults, ExternalDelivery = externalDelivery, MaxPollWait = TimeSpan.FromMilliseconds(250) }, time));

    public Task<string?> ReceiveRawMessageAsync(IOrchestrationBackend backend, TimeSpan wait, CancellationToken cancellationToken) =>
        ((InMemoryOrchestrationBackend)backend).TryReceiveRawMessageAsync(wait, cancellationToken);

    public Task DisposeAsync(IOrchestrationBackend backend) => Task.CompletedTask;
}
