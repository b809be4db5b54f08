using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModelAlloy.Models;
using ModelAlloy.Pipelines.Caching;
using ModelAlloy.Pipelines.Orchestration;
using ModelAlloy.Pipelines.Tests.Fakes;

namespace ModelAlloy.Pipelines.Tests.CrossCutting;

/// <summary>The stage cache in Table Storage (Azurite) when a storage connection is configured, with the table ledger.</summary>
public sealed class StageCacheAzuriteTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task With_a_storage_connection_the_cache_lives_in_a_table_and_its_hit_is_a_table_ledger_row()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = azurite.ConnectionString }).Build();
        await using PipelineHost host = (await PipelineHost.StartAsync(configuration)).Define("cached.json", StageCacheTests.Cached);
        host.Server.Always("capable", prompt => $"capable on '{prompt}'").Always("cheap", prompt => $"cheap on '{prompt}'");
        string input = $"What is a refund window? ({Guid.NewGuid():N})";
        string run = Guid.NewGuid().ToString("N");

        PipelineRunResult first = await host.SucceedAsync("cached", input, run + "-1");
        PipelineRunResult second = await host.SucceedAsync("cached", input, run + "-2");

        Assert.IsType<TableStageCacheStore>(host.Services.GetRequiredService<IStageCacheStore>());
        Assert.True(second.Stages[0].CacheHit);
        Assert.Equal(first.Output, second.Output);
        Assert.Equal(1, host.Server.CallsTo("capable"));
        TableClient table = new TableServiceClient(azurite.ConnectionString).GetTableClient(TableStageCacheStore.DefaultTableName);
        int entries = 0;
        await foreach (TableEntity _ in table.QueryAsync<TableEntity>(cancellationToken: TestTimeout.Token()))
        {
            entries++;
        }

        Assert.True(entries > 0, "no entry in the stage-cache table");

        ICostLedger ledger = host.Services.GetRequiredService<ICostLedger>();
        Assert.IsType<TableCostLedger>(ledger);
        DateOnly today = DateOnly.FromDateTime(DateTime.UtcNow);
        var rows = new List<CostRecord>();
        await foreach (CostRecord record in ledger.QueryAsync(today.AddDays(-1), today.AddDays(1), TestTimeout.Token()))
        {
            if (record.RunId == run + "-2" && record.Stage == "answer")
            {
                rows.Add(record);
            }
        }

        CostRecord hit = Assert.Single(rows);
        Assert.Equal((CostRecord.StageCacheHitOutcome, 0m, first.Stages[0].CostUsd, "table"), (hit.Outcome, hit.CostUsd, hit.SavedCostUsd, hit.Deployment));
    }
}
