using ModelAlloy.Testing.Azurite;

namespace ModelAlloy.Hosting.Tests.Fakes;

/// <summary>One Azurite for the Azure Storage tests of this assembly; tests isolate themselves by task hub.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
