using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using ModelAlloy.Testing.Azurite;

namespace ModelAlloy.Durable.AzureStorage.Tests.Backend;

[Collection(AzuriteCollection.Name)]
public sealed class PayloadAndPurgeTests(AzuriteFixture azurite)
{
    private static void Echo(DurableTaskRegistry r) => r
        .AddActivity<string, string>("Grow", s => s + s[..1000])
        .AddOrchestrator<string, string>("BigEcho", (ctx, s) => ctx.CallActivityAsync<string>("Grow", s));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task One_megabyte_input_and_output_round_trip_through_blobs(bool singleMessage)
    {
        var (host, backend) = await AzureHost.StartAsync(azurite, Echo, externalDelivery: singleMessage);
        await using var _ = host;
        var input = string.Concat(Enumerable.Range(0, 1024 * 1024 / 16).Select(i => $"{i:D15}|"));

        var result = await host.RunAsync("BigEcho", input);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(input + input[..1000], result.ReadOutputAs<string>());
        Assert.Equal(input, result.ReadInputAs<string>());
        Assert.NotEmpty(await BlobsOfAsync(backend, result.InstanceId));
    }

    [Fact]
    public async Task Purge_leaves_no_row_message_or_blob_of_the_instance()
    {
        var (host, backend) = await AzureHost.StartAsync(azurite, Echo);
        await using var _ = host;
        var big = new string('x', 100_000);
        var result = await host.RunAsync("BigEcho", big);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        var id = result.InstanceId;
        Assert.NotEmpty(await BlobsOfAsync(backend, id));

        Assert.True(await host.Client.PurgeInstanceAsync(id));

        var key = KeySanitizer.Escape(id);
        foreach (var table in new[] { backend.Storage.Instances, backend.Storage.History, backend.Storage.Poison })
        {
            var rows = table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {key}"));
            Assert.Empty(await rows.ToListAsync());
        }

        Assert.Empty(await BlobsOfAsync(backend, id));
        foreach (var queue in backend.Storage.AllQueues)
        {
            var peeked = (await queue.PeekMessagesAsync(32)).Value;
            Assert.DoesNotContain(peeked, m => m.MessageText.Contains(id, StringComparison.Ordinal));
        }

        Assert.Null(await host.Client.GetInstanceAsync(id));
    }

    [Fact]
    public async Task Message_whose_payload_blob_is_gone_goes_to_the_poison_table_instead_of_coming_back_forever()
    {
        await using var host = await Testing.DurableTestHost.CreateAsync(new AzuriteBackendFactory(azurite), Echo);
        var backend = (AzureStorageOrchestrationBackend)host.Backend;
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("BigEcho", new string('x', 100_000));
        foreach (var name in await BlobsOfAsync(backend, id))
        {
            await backend.Storage.Payloads.DeleteBlobAsync(name);
        }

        await host.StartAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        List<TableEntity> rows;
        while ((rows = await backend.Poison.ListAsync("(undecodable)", CancellationToken.None)).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var row = Assert.Single(rows);
        Assert.Contains("payload blob is missing", row.GetString("Error"));
        Assert.Contains(id, row.GetString("Body"));
        foreach (var queue in backend.Storage.AllQueues)
        {
            Assert.DoesNotContain((await queue.PeekMessagesAsync(32)).Value, m => m.MessageText.Contains(id, StringComparison.Ordinal));
        }
    }

    private static async Task<List<string>> BlobsOfAsync(AzureStorageOrchestrationBackend backend, string instanceId)
    {
        var names = new List<string>();
        await foreach (var blob in backend.Storage.Payloads.GetBlobsAsync(new GetBlobsOptions { Prefix = KeySanitizer.Escape(instanceId) + "/" }))
        {
            names.Add(blob.Name);
        }

        return names;
    }
}
