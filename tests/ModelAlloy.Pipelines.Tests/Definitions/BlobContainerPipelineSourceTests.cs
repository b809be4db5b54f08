using Azure.Storage.Blobs;
using ModelAlloy.Pipelines.Definitions;
using ModelAlloy.Pipelines.Validation;
using ModelAlloy.Testing.Azurite;

namespace ModelAlloy.Pipelines.Tests.Definitions;

/// <summary>Definitions from a blob container (on Azurite): validated per blob, edits picked up by the next read.</summary>
public sealed class BlobContainerPipelineSourceTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Good = """{ "name": "good", "stages": [ { "id": "s", "kind": "chain", "steps": [ { "role": "cheap", "prompt": "v1" } ] } ] }""";

    [Fact]
    public async Task Blobs_are_validated_one_by_one_and_an_edit_is_read_by_the_next_load()
    {
        BlobContainerClient container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("pipelines-" + Guid.NewGuid().ToString("N")[..8]);
        await container.CreateAsync();
        await container.UploadBlobAsync("defs/good.json", BinaryData.FromString(Good));
        await container.UploadBlobAsync("defs/bad.json", BinaryData.FromString("""{ "name": "bad", "stages": [ { "id": "s", "kind": "teleport" } ] }"""));
        await container.UploadBlobAsync("defs/pipeline.schema.json", BinaryData.FromString("{}"));
        await container.UploadBlobAsync("elsewhere/other.json", BinaryData.FromString(Good));
        var library = new PipelineLibrary(new BlobContainerPipelineSource(container, "defs/"));

        IReadOnlyList<PipelineParseResult> results = await library.LoadAsync();
        PipelineSnapshot before = await library.GetSnapshotAsync("good");
        string edited = Good.Replace("v1", "v2", StringComparison.Ordinal);
        await container.GetBlobClient("defs/good.json").UploadAsync(BinaryData.FromString(edited), overwrite: true);
        PipelineSnapshot after = await library.GetSnapshotAsync("good");

        Assert.Equal(["defs/bad.json", "defs/good.json"], results.Select(r => r.Document.Source));
        Assert.StartsWith("defs/bad.json: $.stages[0].kind: unknown stage kind 'teleport'", Assert.Single(results[0].Errors).ToString(), StringComparison.Ordinal);
        Assert.True(results[1].IsValid);
        Assert.Equal((PipelineSnapshot.Hash(Good), PipelineSnapshot.Hash(edited)), (before.ContentHash, after.ContentHash));
        Assert.Equal("defs/good.json", after.Source);
    }
}
