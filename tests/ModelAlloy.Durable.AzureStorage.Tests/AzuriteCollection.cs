using ModelAlloy.Testing.Azurite;

namespace ModelAlloy.Durable.AzureStorage.Tests;

/// <summary>One Azurite for the whole assembly; tests isolate themselves with a task hub each.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
