namespace ModelAlloy.Models.Tests.Ledger;

public sealed class CallIdTests
{
    [Fact]
    public void Is_derived_from_run_sequence_and_attempt_only()
    {
        Assert.Equal("inst-9|0003|02", CallId.For("inst-9", 3, 2));
        Assert.Equal(CallId.For("inst-9", 3, 2), CallId.For("inst-9", 3, 2));
        Assert.NotEqual(CallId.For("inst-9", 3, 2), CallId.For("inst-9", 3, 3));
    }

    [Fact]
    public void Rejects_values_that_cannot_identify_an_attempt()
    {
        Assert.Throws<ArgumentException>(() => CallId.For("", 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => CallId.For("r", 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => CallId.For("r", 1, 0));
    }

    [Fact]
    public async Task The_in_memory_ledger_is_idempotent_like_the_table_ledger()
    {
        var ledger = new InMemoryCostLedger();
        CostRecord record = TableCostLedgerTests.Record("r", "r|0001|01", 0.5m);

        Assert.True(await ledger.RecordAsync(record));
        Assert.False(await ledger.RecordAsync(record with { CostUsd = 7m }));
        Assert.Equal(0.5m, await ledger.GetRunSpendAsync("r"));
    }
}
