using Microsoft.Extensions.DependencyInjection;
using ModelAlloy.Models.Tests.Fakes;

namespace ModelAlloy.Models.Tests.Policy;

/// <summary>Per-run cost cap and per-pipeline daily budget, read from the ledger before each attempt.</summary>
public sealed class BudgetTests
{
    [Fact]
    public async Task A_run_that_reached_its_cost_cap_stops_with_a_clear_error_and_no_call()
    {
        using GatewayHarness gateway = Harness(o => o.Budgets.RunCostCapUsd = 0.001m);
        await gateway.Ledger.RecordAsync(Spent("run-1", 0.0011m));

        var error = await Assert.ThrowsAsync<ModelCallFailedException>(() => gateway.CallAsync(Request()));

        Assert.Equal(ModelErrorCodes.RunBudgetExceeded, error.ErrorCode);
        Assert.Contains("run 'run-1' has spent $0.0011 of its $0.001 cost cap", error.Message, StringComparison.Ordinal);
        Assert.Single(gateway.Ledger.Records, r => r.ReachedProvider); // the earlier spend only: no call was made
        LedgerAssert.EveryAttemptHasItsRow(error.Attempts, gateway.Ledger.Records);
    }

    [Fact]
    public async Task A_request_may_set_its_own_run_cap()
    {
        using GatewayHarness gateway = Harness(o => o.Budgets.RunCostCapUsd = 100m);
        await gateway.Ledger.RecordAsync(Spent("run-1", 0.5m));

        var error = await Assert.ThrowsAsync<ModelCallFailedException>(() => gateway.CallAsync(Request() with { RunCostCapUsd = 0.25m }));

        Assert.Equal(ModelErrorCodes.RunBudgetExceeded, error.ErrorCode);
    }

    [Fact]
    public async Task A_pipeline_over_its_daily_budget_stops_but_other_pipelines_and_days_go_on()
    {
        using GatewayHarness gateway = Harness(o => o.Budgets.DailyByPipeline["triage"] = 1m);
        await gateway.Ledger.RecordAsync(Spent("earlier-run", 1m));

        var error = await Assert.ThrowsAsync<ModelCallFailedException>(() => gateway.CallAsync(Request()));
        ModelCallResult other = await gateway.CallAsync(Request() with { Pipeline = "research" });
        RecordingRuntime tomorrow = gateway.Runtime("run-2");
        tomorrow.UtcNow = tomorrow.UtcNow.AddDays(1);
        ModelCallResult nextDay = await gateway.CallAsync(Request(), tomorrow);

        Assert.Equal(ModelErrorCodes.DailyBudgetExceeded, error.ErrorCode);
        Assert.Contains("pipeline 'triage' has spent $1 of its $1 daily budget for 2026-11-23 (UTC)", error.Message, StringComparison.Ordinal);
        Assert.Equal("premium", other.ModelId);
        Assert.Equal("premium", nextDay.ModelId);
    }

    [Fact]
    public async Task Downgrade_mode_answers_on_the_cheapest_model_of_the_chain()
    {
        using GatewayHarness gateway = Harness(o =>
        {
            o.Budgets.RunCostCapUsd = 0.001m;
            o.Budgets.OnExceeded = BudgetExceededAction.Downgrade;
        });
        await gateway.Ledger.RecordAsync(Spent("run-1", 0.01m));

        ModelCallResult result = await gateway.CallAsync(Request());

        Assert.Equal("economy", result.ModelId);
        Assert.Equal(["BudgetExceeded", "Succeeded"], result.Attempts.Select(a => a.Outcome));
        LedgerAssert.EveryAttemptHasItsRow(result.Attempts, gateway.Ledger.Records);
        CostRecord stopped = gateway.Ledger.Records.Single(r => r.Outcome == "BudgetExceeded");
        Assert.Equal(("premium", 0L, 0m), (stopped.ModelId, stopped.InputTokens, stopped.CostUsd));
        Assert.Equal(stopped.CallId, gateway.Ledger.Records.Single(r => r.Succeeded && r.RunId == "run-1" && r.ModelId == "economy").FallbackFromCallId);
    }

    private static GatewayHarness Harness(Action<ModelGatewayOptions> budgets)
    {
        ModelGatewayOptions options = TestCatalog.Options(
            TestCatalog.Simulated("premium", inputPrice: 5m, outputPrice: 15m), TestCatalog.Simulated("economy", inputPrice: 0.1m, outputPrice: 0.4m))
            .WithRole("chat", "premium", "economy");
        budgets(options);
        return GatewayHarness.Create(options);
    }

    private static ModelCallRequest Request() => new() { Role = "chat", Messages = [ModelMessage.User("q")], Pipeline = "triage" };

    private static CostRecord Spent(string runId, decimal cost) => new()
    {
        CallId = runId + "|0000|01", RunId = runId, Pipeline = "triage", TaskType = "t", ModelId = "premium", Provider = "Simulated",
        Deployment = "premium", Outcome = "Succeeded", CostUsd = cost, OccurredAtUtc = new DateTime(2026, 11, 23, 1, 0, 0, DateTimeKind.Utc),
    };
}
