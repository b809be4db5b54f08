using Azure.Data.Tables;
using ModelAlloy.Testing.Azurite;

namespace ModelAlloy.Models.Tests.Ledger;

/// <summary>One Azurite for every Table Storage test of this assembly; tests isolate themselves by table name.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";

    public static TableServiceClient Tables(AzuriteFixture azurite) => new(azurite.ConnectionString);

    public static string UniqueTable(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];
}
