using ModelAlloy.Durable.Backend;

namespace ModelAlloy.Durable.Testing;

/// <summary>
/// What a backend's test project supplies to the conformance suite: a fresh, isolated backend per test
/// (for Azure Storage, a new task hub), wired to the given fault injector.
/// </summary>
public interface IBackendFactory
{
    /// <summary>Creates an empty backend. <paramref name="externalDelivery"/> selects single-message (queue trigger) delivery.</summary>
    Task<IOrchestrationBackend> CreateAsync(WriteFaultInjector faults, bool externalDelivery, TimeProvider time, CancellationToken cancellationToken);

    /// <summary>
    /// In single-message mode, receives the next raw queue message as a Functions trigger would (null when none
    /// arrived within <paramref name="wait"/>).
    /// </summary>
    Task<string?> ReceiveRawMessageAsync(IOrchestrationBackend backend, TimeSpan wait, CancellationToken cancellationToken);

    /// <summary>Deletes what <see cref="CreateAsync"/> created.</summary>
    Task DisposeAsync(IOrchestrationBackend backend);
}
