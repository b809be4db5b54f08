namespace ModelAlloy.Cli.Tests.Fakes;

/// <summary>One Azurite for the durable-run tests of this assembly; tests isolate themselves by task hub.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
