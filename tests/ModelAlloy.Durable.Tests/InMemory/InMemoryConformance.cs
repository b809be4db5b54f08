using ModelAlloy.Durable.Testing.Conformance;

namespace ModelAlloy.Durable.Tests.InMemory;

// The backend conformance suite on the in-memory backend, in both delivery modes.
public sealed class InMemoryActivityTests() : ActivityConformance(new InMemoryBackendFactory());

public sealed class InMemoryActivitySingleMessageTests() : ActivityConformance(new InMemoryBackendFactory())
{
    protected override bool ExternalDelivery => true;
}
