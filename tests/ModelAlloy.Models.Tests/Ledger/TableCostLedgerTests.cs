using Azure.Data.Tables;
using ModelAlloy.Testing.Azurite;

namespace ModelAlloy.Models.Tests.Ledger;

[Collection(AzuriteCollection.Name)]
public sealed class TableCostLedgerTests(AzuriteFixture azurite)
{
    private static readonly DateTime Monday = new(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);
    private readonly TableCostLedger _ledger = new(AzuriteCollection.Tables(azurite), AzuriteCollection.UniqueTable("ledger"));

    [Fact]
    public async Task Recording_a_call_id_again_changes_nothing_and_the_first_write_wins()
    {
        CostRecord first = Record("run/7#a?b", "run/7#a?b|0001|01", 0.25m);

        Assert.True(await _ledger.RecordAsync(first));
        Assert.False(await _ledger.RecordAsync(first with { CostUsd = 9m, OutputTokens = 999 }));

        CostRecord stored = Assert.Single(await ReadAsync(Monday));
        Assert.Equal(first, stored);
        Assert.Equal(0.25m, await _ledger.GetRunSpendAsync("run/7#a?b"));
    }

    [Fact]
    public async Task Concurrent_duplicate_deliveries_count_once()
    {
        CostRecord record = Record("run-c", "run-c|0001|01", 0.1m);

        bool[] created = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _ledger.RecordAsync(record)));

        Assert.Equal(1, created.Count(c => c));
        Assert.Equal(0.1m, await _ledger.GetRunSpendAsync("run-c"));
    }

    [Fact]
    public async Task Concurrent_deliveries_with_different_costs_leave_the_run_spend_equal_to_the_stored_record()
    {
        // Record and index row are written at once, so a losing delivery may have written its own cost to the index.
        CostRecord[] deliveries = [.. Enumerable.Range(1, 6).Select(i => Record("run-d", "run-d|0001|01", i / 10m))];

        bool[] created = await Task.WhenAll(deliveries.Select(d => _ledger.RecordAsync(d)));

        Assert.Equal(1, created.Count(c => c));
        CostRecord stored = Assert.Single(await ReadAsync(Monday));
        Assert.Equal(stored.CostUsd, await _ledger.GetRunSpendAsync("run-d"));
    }

    [Fact]
    public async Task An_index_row_left_by_a_delivery_that_died_before_its_record_is_repaired_by_the_redelivery()
    {
        string name = AzuriteCollection.UniqueTable("ledger");
        var ledger = new TableCostLedger(AzuriteCollection.Tables(azurite), name);
        await ledger.RecordAsync(Record("warm-up", "warm-up|0001|01", 0m)); // creates the table
        TableClient table = AzuriteCollection.Tables(azurite).GetTableClient(name);
        await table.AddEntityAsync(new TableEntity(TableCostLedger.RunPartition("run-e"), TableKeys.Escape("run-e|0001|01")) { ["CostUsd"] = "7", ["Pipeline"] = "p" });

        Assert.True(await ledger.RecordAsync(Record("run-e", "run-e|0001|01", 0.3m)));

        Assert.Equal(0.3m, await ledger.GetRunSpendAsync("run-e"));
    }

    [Fact]
    public async Task Spend_is_read_per_run_and_per_pipeline_day()
    {
        await _ledger.RecordAsync(Record("r1", "r1|0001|01", 0.1m));
        await _ledger.RecordAsync(Record("r1", "r1|0002|01", 0.2m));
        await _ledger.RecordAsync(Record("r2", "r2|0001|01", 0.4m) with { Pipeline = "other" });
        await _ledger.RecordAsync(Record("r3", "r3|0001|01", 0.8m) with { OccurredAtUtc = Monday.AddDays(1) });

        Assert.Equal(0.3m, await _ledger.GetRunSpendAsync("r1"));
        Assert.Equal(0.3m, await _ledger.GetDailySpendAsync("reviews", DateOnly.FromDateTime(Monday)));
        Assert.Equal(0.8m, await _ledger.GetDailySpendAsync("reviews", DateOnly.FromDateTime(Monday.AddDays(1))));
        Assert.Equal(0m, await _ledger.GetRunSpendAsync("never"));
    }

    [Fact]
    public async Task Records_aggregate_by_day_and_iso_week_across_partitions()
    {
        // Sunday 2026-11-22 is in ISO week 47; Monday and Tuesday are in week 48.
        await _ledger.RecordAsync(Record("a", "a|0001|01", 1m) with { OccurredAtUtc = Monday.AddDays(-1) });
        await _ledger.RecordAsync(Record("b", "b|0001|01", 2m));
        await _ledger.RecordAsync(Record("c", "c|0001|01", 4m) with { OccurredAtUtc = Monday.AddDays(1), ModelId = "gpt-4o" });

        List<CostRecord> records = await ReadAsync(Monday.AddDays(-1), Monday.AddDays(1));
        IReadOnlyList<CostAggregate> weeks = CostAggregator.Aggregate(records, CostPeriod.IsoWeek, CostDimension.Pipeline);
        IReadOnlyList<CostAggregate> models = CostAggregator.Aggregate(records, CostPeriod.IsoWeek, CostDimension.Model);

        Assert.Equal([("2026-W47", 1m), ("2026-W48", 6m)], weeks.Select(w => (w.Period, w.CostUsd)));
        Assert.Equal([("2026-W47", "mini", 1m), ("2026-W48", "gpt-4o", 4m), ("2026-W48", "mini", 2m)], models.Select(m => (m.Period, m.Key, m.CostUsd)));
        Assert.Single(await ReadAsync(Monday));
    }

    private async Task<List<CostRecord>> ReadAsync(DateTime from, DateTime? to = null)
    {
        var list = new List<CostRecord>();
        await foreach (CostRecord r in _ledger.QueryAsync(DateOnly.FromDateTime(from), DateOnly.FromDateTime(to ?? from)))
        {
            list.Add(r);
        }

        return list;
    }

    internal static CostRecord Record(string runId, string callId, decimal cost) => new()
    {
        CallId = callId,
        RunId = runId,
        Pipeline = "reviews",
        Stage = "triage",
        TaskType = "classify",
        ModelId = "mini",
        Provider = "OpenAICompatible",
        Deployment = "mini",
        Attempt = 1,
        Outcome = "Succeeded",
        InputTokens = 100,
        CachedInputTokens = 10,
        OutputTokens = 5,
        CostUsd = cost,
        LatencyMs = 42,
        FallbackFromCallId = null,
        OccurredAtUtc = Monday,
    };
}
