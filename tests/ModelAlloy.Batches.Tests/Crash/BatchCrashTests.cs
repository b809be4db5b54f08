using System.Text.Json;
using Azure.Data.Tables;
using ModelAlloy.Batches.Runs;
using ModelAlloy.Batches.Tests.Fakes;
using ModelAlloy.Models;

namespace ModelAlloy.Batches.Tests.Crash;

/// <summary>
/// 200 items through the real <c>alloy batch</c> on Azurite; the worker SIGKILLed once some items are in the results
/// file; a rerun with the same batch id finishes the rest. Every item finishes exactly once (one ExecutionStarted per
/// instance in the task hub's history, one result per item), and the summary's counts and cost match the ledger.
/// </summary>
public sealed class BatchCrashTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private const int Items = 200;
    private const string BatchId = "crash-200";
    private readonly BatchWorkspace _workspace = new(latencyMs: 40);

    [Fact]
    public async Task Killed_mid_batch_then_rerun_every_item_finishes_exactly_once_and_the_summary_matches_the_ledger()
    {
        CancellationToken timeout = TestTimeout.Token(1500);
        string items = _workspace.WriteItems("items.jsonl", BatchWorkspace.Items(Items));
        string first = Path.Combine(_workspace.Root, "first.jsonl"), second = Path.Combine(_workspace.Root, "second.jsonl");

        using (AlloyProcess run = AlloyProcess.Start(_workspace.Root, Args(items, first)))
        {
            int done = await WaitForResultLinesAsync(first, atLeast: 10, run, timeout);
            Assert.InRange(done, 10, Items - 1); // killed mid-batch, not after it
            await run.KillAsync(timeout);
        }

        string[] beforeKill = ReadIds(first);
        using AlloyProcess rerun = AlloyProcess.Start(_workspace.Root, Args(items, second));
        int exit = await rerun.WaitAsync(timeout);
        Assert.True(exit == 0, rerun.Output);

        JsonElement[] results = [.. File.ReadAllLines(second).Select(l => JsonDocument.Parse(l).RootElement.Clone())];
        Assert.Equal(Items, results.Length);
        Assert.Equal(BatchWorkspace.Items(Items).Select(i => i.Id).Order(), results.Select(r => r.GetProperty("id").GetString()).Order());
        Assert.Equal(Items, results.Select(r => r.GetProperty("instance").GetString()).Distinct().Count());
        Assert.All(results, r => Assert.Equal("Completed", r.GetProperty("status").GetString()));
        var skipped = results.Where(r => r.GetProperty("skipped").GetBoolean()).Select(r => r.GetProperty("id").GetString()!).ToHashSet();
        Assert.Empty(beforeKill.Except(skipped)); // what finished before the kill was read back, not run again

        Dictionary<string, int> started = await ExecutionsStartedAsync(timeout);
        Assert.Equal(Items, started.Count);
        Assert.All(started, s => Assert.Equal(1, s.Value));

        decimal resultsCost = results.Sum(r => r.GetProperty("costUsd").GetDecimal());
        List<CostRecord> ledger = await LedgerAsync(timeout);
        Assert.Equal(Items, ledger.Select(r => r.RunId).Distinct().Count());
        Assert.Equal(ledger.Sum(r => r.CostUsd), resultsCost);

        string output = rerun.Output;
        Assert.Matches($@"│ items\s+│\s+{Items} │", output);
        Assert.Matches($@"│ done\s+│\s+{Items} │", output);
        Assert.Matches(@"│ failed\s+│\s+0 │", output);
        Assert.Matches($@"│ skipped \(finished before\)\s+│\s+{skipped.Count} │", output);
        Assert.Matches($@"│ cost \(SIMULATED\)\s+│\s+\${ledger.Sum(r => r.CostUsd):0.000000} │", output);
    }

    public void Dispose() => _workspace.Dispose();

    private string[] Args(string items, string results) =>
    [
        "batch", BatchWorkspace.Pipeline, items, "--storage", azurite.ConnectionString, "--batch-id", BatchId, "--concurrency", "16",
        "--out", results, "--pipelines", _workspace.PipelinesFolder, "--catalog", _workspace.CatalogFile,
    ];

    private static async Task<int> WaitForResultLinesAsync(string file, int atLeast, AlloyProcess run, CancellationToken timeout)
    {
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (await poll.WaitForNextTickAsync(timeout))
        {
            Assert.False(run.HasExited, "alloy batch ended before it could be killed: " + run.Output);
            if (File.Exists(file) && ReadIds(file).Length >= atLeast)
            {
                return ReadIds(file).Length;
            }
        }

        throw new OperationCanceledException(timeout);
    }

    private static string[] ReadIds(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return [.. reader.ReadToEnd().Split('\n').Where(l => l.EndsWith('}')).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()!)];
    }

    private async Task<Dictionary<string, int>> ExecutionsStartedAsync(CancellationToken timeout)
    {
        // DTFx Azure Storage keeps every history event as a row of {hub}History, partitioned by instance id.
        var history = new TableClient(azurite.ConnectionString, "alloyHistory");
        var started = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (TableEntity row in history.QueryAsync<TableEntity>("EventType eq 'ExecutionStarted'", select: ["PartitionKey"], cancellationToken: timeout))
        {
            if (row.PartitionKey.StartsWith(BatchInstanceId.PrefixOf(BatchId), StringComparison.Ordinal))
            {
                started[row.PartitionKey] = started.GetValueOrDefault(row.PartitionKey) + 1;
            }
        }

        return started;
    }

    private async Task<List<CostRecord>> LedgerAsync(CancellationToken timeout)
    {
        var ledger = new TableCostLedger(new TableServiceClient(azurite.ConnectionString));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var records = new List<CostRecord>();
        await foreach (CostRecord record in ledger.QueryAsync(today.AddDays(-1), today.AddDays(1), timeout))
        {
            if (record.RunId.StartsWith(BatchInstanceId.PrefixOf(BatchId), StringComparison.Ordinal))
            {
                records.Add(record);
            }
        }

        return records;
    }
}
