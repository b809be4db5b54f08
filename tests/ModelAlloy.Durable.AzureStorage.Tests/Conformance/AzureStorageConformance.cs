using ModelAlloy.Durable.Testing.Conformance;
using ModelAlloy.Testing.Azurite;

namespace ModelAlloy.Durable.AzureStorage.Tests.Conformance;

// The engine's backend conformance suite on Azurite, in both delivery modes (poll loop and queue trigger).
[Collection(AzuriteCollection.Name)]
public sealed class AzureActivityTests(AzuriteFixture azurite) : ActivityConformance(new AzuriteBackendFactory(azurite));

[Collection(AzuriteCollection.Name)]
public sealed class AzureActivitySingleMessageTests(AzuriteFixture azurite) : ActivityConformance(new AzuriteBackendFactory(azurite))
{
    protected override bool ExternalDelivery => true;
}
