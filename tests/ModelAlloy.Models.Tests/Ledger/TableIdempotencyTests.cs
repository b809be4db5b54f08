using Microsoft.Extensions.DependencyInjection;
using ModelAlloy.Models.Tests.Fakes;
using ModelAlloy.Testing.Azurite;

namespace ModelAlloy.Models.Tests.Ledger;

/// <summary>The gateway on Table Storage: replayed and redelivered attempts, and cooldowns shared by workers.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableIdempotencyTests(AzuriteFixture azurite)
{
    private static readonly DateOnly Day = new(2026, 11, 23);

    [Fact]
    public async Task Replaying_the_same_attempt_writes_one_ledger_row()
    {
        using GatewayHarness gateway = Gateway(TestCatalog.Options(TestCatalog.Simulated("sim")));
        var input = new ModelAttemptInput
        {
            Request = new ModelCallRequest { Model = "sim", Messages = [ModelMessage.User("hello")], Pipeline = "p" },
            ModelId = "sim", CallId = "inst-1|0001|01", RunId = "inst-1", Attempt = 1, ScheduledAtUtc = new DateTime(2026, 11, 23, 8, 0, 0, DateTimeKind.Utc),
        };
        ICostLedger ledger = gateway.Services.GetRequiredService<ICostLedger>();

        ModelAttemptOutcome first = await gateway.Executor.RunAttemptAsync(input);
        ModelAttemptOutcome again = await gateway.Executor.RunAttemptAsync(input);

        Assert.Equal(first.CostUsd, again.CostUsd);
        Assert.Equal(first.CostUsd, await ledger.GetRunSpendAsync("inst-1"));
        Assert.Equal("inst-1|0001|01", Assert.Single(await LedgerAssert.ReadAllAsync(ledger, Day, Day)).CallId);
    }

    [Fact]
    public async Task A_cooldown_started_by_one_worker_is_honoured_by_another()
    {
        string table = AzuriteCollection.UniqueTable("cool");
        var options = new CooldownOptions { FailureThreshold = 2, Duration = TimeSpan.FromMinutes(5) };
        var workerA = new TableCooldownStore(AzuriteCollection.Tables(azurite), options, table);
        var workerB = new TableCooldownStore(AzuriteCollection.Tables(azurite), options, table);
        var now = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

        Assert.Null(await workerA.RecordFailureAsync("gpt-4o", now));
        DateTimeOffset? until = await workerB.RecordFailureAsync("gpt-4o", now);

        Assert.Equal(now + options.Duration, until);
        Assert.Equal(until, await workerA.GetCooldownAsync("gpt-4o", now.AddMinutes(1)));
        Assert.Null(await workerA.GetCooldownAsync("gpt-4o", now.AddMinutes(6)));
        Assert.Null(await workerB.GetCooldownAsync("other-model", now));
    }

    [Fact]
    public async Task A_worker_trusts_its_last_read_of_a_cooldown_row_for_the_cache_duration_then_reads_again()
    {
        string table = AzuriteCollection.UniqueTable("cool");
        var options = new CooldownOptions { FailureThreshold = 1, Duration = TimeSpan.FromMinutes(5), SharedStateCacheDuration = TimeSpan.FromSeconds(2) };
        var requests = new RequestCounter(table);
        var workerA = new TableCooldownStore(requests.Tables(azurite), options, table);
        var workerB = new TableCooldownStore(AzuriteCollection.Tables(azurite), options, table);
        var now = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

        Assert.Null(await workerA.GetCooldownAsync("gpt-4o", now)); // read: no row
        await workerA.RecordSuccessAsync("gpt-4o", now.AddMilliseconds(150)); // nothing to reset, known without a read
        DateTimeOffset? until = await workerB.RecordFailureAsync("gpt-4o", now.AddMilliseconds(200));
        int afterFirstAttempt = requests.Count;
        DateTimeOffset? seenWithinTheWindow = await workerA.GetCooldownAsync("gpt-4o", now.AddSeconds(1));
        int afterSecondCheck = requests.Count;
        DateTimeOffset? seenAfterIt = await workerA.GetCooldownAsync("gpt-4o", now.AddSeconds(2));

        Assert.Equal((1, 1, 2), (afterFirstAttempt, afterSecondCheck, requests.Count)); // one read per window, not two per attempt
        Assert.Null(seenWithinTheWindow); // B's cooldown is seen by A only once A's read is older than the window
        Assert.Equal(until, seenAfterIt);
    }

    [Fact]
    public async Task With_no_cache_duration_every_check_reads_the_shared_row()
    {
        string table = AzuriteCollection.UniqueTable("cool");
        var options = new CooldownOptions { FailureThreshold = 1, Duration = TimeSpan.FromMinutes(5), SharedStateCacheDuration = TimeSpan.Zero };
        var workerA = new TableCooldownStore(AzuriteCollection.Tables(azurite), options, table);
        var workerB = new TableCooldownStore(AzuriteCollection.Tables(azurite), options, table);
        var now = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

        Assert.Null(await workerA.GetCooldownAsync("gpt-4o", now));
        DateTimeOffset? until = await workerB.RecordFailureAsync("gpt-4o", now);

        Assert.Equal(until, await workerA.GetCooldownAsync("gpt-4o", now));
    }

    [Fact]
    public async Task Concurrent_failures_are_all_counted_under_etag()
    {
        var options = new CooldownOptions { FailureThreshold = 8, Duration = TimeSpan.FromMinutes(1) };
        var store = new TableCooldownStore(AzuriteCollection.Tables(azurite), options, AzuriteCollection.UniqueTable("cool"));
        var now = DateTimeOffset.UtcNow;

        DateTimeOffset?[] results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => store.RecordFailureAsync("m", now)));

        Assert.Single(results, r => r is not null);
    }

    [Fact]
    public async Task Routing_skips_a_cooling_model_without_calling_it()
    {
        ModelGatewayOptions options = TestCatalog.Options(
            TestCatalog.Simulated("flaky", new SimulationProfile { ServerErrorRate = 1 }), TestCatalog.Simulated("steady"))
            .WithRole("chat", "flaky", "steady");
        options.Cooldown = new CooldownOptions { FailureThreshold = 3, Duration = TimeSpan.FromMinutes(10) };
        using GatewayHarness gateway = Gateway(options);

        ModelCallResult first = await gateway.CallAsync(new ModelCallRequest { Role = "chat", Messages = [ModelMessage.User("a")] });
        ModelCallResult second = await gateway.CallAsync(new ModelCallRequest { Role = "chat", Messages = [ModelMessage.User("b")] }, gateway.Runtime("run-2"));

        Assert.Equal(["ServerError", "ServerError", "ServerError", "Succeeded"], first.Attempts.Select(a => a.Outcome));
        Assert.Equal(["CoolingDown", "Succeeded"], second.Attempts.Select(a => a.Outcome));
        Assert.Equal("steady", second.ModelId);
        ICostLedger ledger = gateway.Services.GetRequiredService<ICostLedger>();
        List<CostRecord> rows = await LedgerAssert.ReadAllAsync(ledger, Day, Day);
        LedgerAssert.EveryAttemptHasItsRow([.. first.Attempts, .. second.Attempts], rows);
        Assert.Equal(6, rows.Count);
        CostRecord skipped = rows.Single(r => r.Outcome == "CoolingDown");
        Assert.Equal(("run-2|0001|01", "flaky", 0L, 0L, 0m), (skipped.CallId, skipped.ModelId, skipped.InputTokens, skipped.OutputTokens, skipped.CostUsd));
        Assert.False(skipped.ReachedProvider);
        Assert.Equal(skipped.CallId, rows.Single(r => r.CallId == "run-2|0001|02").FallbackFromCallId);
        Assert.Equal(second.TotalCostUsd, await ledger.GetRunSpendAsync("run-2"));
    }

    [Fact]
    public async Task A_skipped_attempt_delivered_twice_leaves_one_zero_cost_row()
    {
        ModelGatewayOptions options = TestCatalog.Options(TestCatalog.Simulated("sim"));
        options.Cooldown = new CooldownOptions { FailureThreshold = 1, Duration = TimeSpan.FromDays(365) };
        using GatewayHarness gateway = Gateway(options);
        await gateway.Services.GetRequiredService<ICooldownStore>().RecordFailureAsync("sim", DateTimeOffset.UtcNow);
        var input = new ModelAttemptInput
        {
            Request = new ModelCallRequest { Model = "sim", Messages = [ModelMessage.User("hello")], Pipeline = "p" },
            ModelId = "sim", CallId = "inst-2|0001|01", RunId = "inst-2", Attempt = 1, ScheduledAtUtc = Day.ToDateTime(new TimeOnly(8, 0), DateTimeKind.Utc),
        };

        ModelAttemptOutcome first = await gateway.Executor.RunAttemptAsync(input);
        ModelAttemptOutcome again = await gateway.Executor.RunAttemptAsync(input);

        Assert.Equal((ModelFailureKind.CoolingDown, ModelFailureKind.CoolingDown), (first.Failure?.Kind, again.Failure?.Kind));
        CostRecord row = Assert.Single(await LedgerAssert.ReadAllAsync(gateway.Services.GetRequiredService<ICostLedger>(), Day, Day));
        Assert.Equal(("inst-2|0001|01", "CoolingDown", 0m), (row.CallId, row.Outcome, row.CostUsd));
    }

    private GatewayHarness Gateway(ModelGatewayOptions options) => GatewayHarness.Create(
        options,
        services => services.AddModelGatewayTableStorage(
            AzuriteCollection.Tables(azurite), AzuriteCollection.UniqueTable("ledger"), AzuriteCollection.UniqueTable("cool")));
}
