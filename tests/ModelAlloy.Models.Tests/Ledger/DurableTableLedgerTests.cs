using Microsoft.DurableTask.Client;
using ModelAlloy.Models.Durable;
using ModelAlloy.Models.Tests.Fakes;
using ModelAlloy.Testing.Azurite;

namespace ModelAlloy.Models.Tests.Ledger;

/// <summary>Orchestrations on the self-hosted worker writing the Table Storage ledger: replay and redelivery never double count.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DurableTableLedgerTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Replays_and_a_redelivered_attempt_leave_one_row_per_attempt()
    {
        int attempts = 0; // the second attempt's result is lost after it ran: DTFx delivers it again
        ModelGatewayOptions options = TestCatalog.Options(
            TestCatalog.Simulated("sim-flaky", new SimulationProfile { ServerErrorRate = 1 }), TestCatalog.Simulated("sim"))
            .WithRole("chat", "sim-flaky", "sim");
        options.Retry.FirstInterval = TimeSpan.FromMilliseconds(50);
        options.Retry.MaxAttemptsPerModel = 2;
        await using DurableGatewayHost host = await DurableGatewayHost.StartAsync(
            options,
            r => r.AddSingleCall("call"),
            services => services.AddModelGatewayTableStorage(
                AzuriteCollection.Tables(azurite), AzuriteCollection.UniqueTable("ledger"), AzuriteCollection.UniqueTable("cool")),
            loseActivityResult: name => ModelCallActivityNames.All.Contains(name) && Interlocked.Increment(ref attempts) == 2);

        OrchestrationMetadata run = await host.RunAsync("call", new ModelCallRequest { Role = "chat", Messages = [ModelMessage.User("q")] }, "durable-table");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, run.RuntimeStatus);
        ModelCallResult result = run.ReadOutputAs<ModelCallResult>()!;
        Assert.Equal(3, result.Attempts.Count);
        Assert.True(attempts >= 4, $"the lost result was redelivered: {attempts} attempt completions for 3 attempts");
        var rows = new List<CostRecord>();
        await foreach (CostRecord r in host.AnyLedger.QueryAsync(DateOnly.FromDateTime(run.CreatedAt.UtcDateTime), DateOnly.FromDateTime(DateTime.UtcNow)))
        {
            rows.Add(r);
        }

        Assert.Equal(result.Attempts.Select(a => a.CallId), rows.OrderBy(r => r.CallId, StringComparer.Ordinal).Select(r => r.CallId));
        Assert.Equal(result.TotalCostUsd, await host.AnyLedger.GetRunSpendAsync("durable-table"));
    }
}
