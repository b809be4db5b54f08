using ModelAlloy.Durable.Backend;

namespace ModelAlloy.Durable.InMemory;

/// <summary>Options for the in-memory backend (unit tests, demos, quick local runs; nothing survives the process).</summary>
public sealed class InMemoryBackendOptions
{
    /// <summary>
    /// When true, work is not handed to poll loops but queued as raw messages that a driver takes with
    /// <see cref="InMemoryOrchestrationBackend.TryReceiveRawMessageAsync"/> and hands to <c>DurableTaskWorker.HandleMessageAsync</c>,
    /// the way an Azure Functions queue trigger delivers messages.
    /// </summary>
    public bool ExternalDelivery { get; set; }

    /// <summary>Longest time a poll waits for work before returning null.</summary>
    public TimeSpan MaxPollWait { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Delay before a deferred or abandoned message is delivered again.</summary>
    public TimeSpan RedeliveryDelay { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Test hook: crash between writes.</summary>
    public WriteFaultInjector Faults { get; set; } = new();
}
