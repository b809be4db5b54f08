using System.Net;
using System.Net.Sockets;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using ModelAlloy.Testing.Azurite;

namespace ModelAlloy.Durable.AzureStorage.Tests.Azurite;

public sealed class AzuriteFixtureTests
{
    [Fact]
    public async Task Fixture_serves_tables_queues_and_blobs_and_stops_on_dispose()
    {
        var fixture = new AzuriteFixture();
        await fixture.InitializeAsync();
        try
        {
            await RoundTripAllServicesAsync(fixture.ConnectionString, "fixture");
        }
        finally
        {
            await fixture.DisposeAsync();
        }

        Assert.True(fixture.IsExternal || !fixture.Emulator!.IsRunning);
    }

    [Fact]
    public async Task Restart_on_a_persistent_location_keeps_the_data_and_the_connection_string()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(AzuriteFixture.ConnectionVariable)))
        {
            return; // An external account cannot be restarted by the test.
        }

        var location = Path.Combine(Path.GetTempPath(), "modelalloy-azurite-test-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await using var azurite = await AzuriteProcess.StartNewAsync(location);
            var table = new TableClient(azurite.ConnectionString, "persisted");
            await table.CreateIfNotExistsAsync();
            await table.AddEntityAsync(new TableEntity("p", "r") { ["Value"] = 42 });

            await azurite.StopAsync();
            Assert.False(azurite.IsRunning);
            await azurite.StartAsync();

            var entity = await new TableClient(azurite.ConnectionString, "persisted").GetEntityAsync<TableEntity>("p", "r");
            Assert.Equal(42, entity.Value.GetInt32("Value"));
        }
        finally
        {
            Directory.Delete(location, recursive: true);
        }
    }

    [Fact]
    public async Task Restart_waits_for_a_port_another_listener_holds_briefly_and_keeps_the_connection_string()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(AzuriteFixture.ConnectionVariable)))
        {
            return; // An external account cannot be restarted by the test.
        }

        await using var azurite = await AzuriteProcess.StartNewAsync();
        var before = azurite.ConnectionString;
        Assert.True(azurite.TablePort < 32768, $"table port {azurite.TablePort} lies in the kernel's ephemeral range");
        await azurite.StopAsync();

        var squatter = new TcpListener(IPAddress.Loopback, azurite.TablePort);
        squatter.Start();
        var release = Task.Delay(TimeSpan.FromSeconds(4)).ContinueWith(_ => squatter.Stop(), TaskScheduler.Default);
        await azurite.StartAsync();
        await release;

        Assert.Equal(before, azurite.ConnectionString);
        await RoundTripAllServicesAsync(azurite.ConnectionString, "squatted");
    }

    private static async Task RoundTripAllServicesAsync(string connectionString, string name)
    {
        var table = new TableClient(connectionString, name);
        await table.CreateIfNotExistsAsync();
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["Value"] = "v" });
        Assert.Equal("v", (await table.GetEntityAsync<TableEntity>("p", "r")).Value.GetString("Value"));

        var queue = new QueueClient(connectionString, name);
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("hello");
        Assert.Equal("hello", (await queue.ReceiveMessageAsync()).Value.MessageText);

        var container = new BlobContainerClient(connectionString, name);
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient("b").UploadAsync(BinaryData.FromString("blob"), overwrite: true);
        Assert.Equal("blob", (await container.GetBlobClient("b").DownloadContentAsync()).Value.Content.ToString());
    }
}
