using ModelAlloy.Models.Tests.Fakes;

namespace ModelAlloy.Models.Tests.Providers;

public sealed class SimulatedProviderTests
{
    [Fact]
    public async Task Answers_are_deterministic_per_model_and_prompt_and_marked_simulated()
    {
        using GatewayHarness gateway = GatewayHarness.Create(TestCatalog.Options(TestCatalog.Simulated("sim-a"), TestCatalog.Simulated("sim-b")));

        ModelCallResult first = await gateway.CallAsync(Request("sim-a", "what is 2+2?"));
        ModelCallResult again = await gateway.CallAsync(Request("sim-a", "what is 2+2?"));
        ModelCallResult otherModel = await gateway.CallAsync(Request("sim-b", "what is 2+2?"));
        ModelCallResult otherPrompt = await gateway.CallAsync(Request("sim-a", "what is 3+3?"));

        Assert.Equal(first.Text, again.Text);
        Assert.NotEqual(first.Text, otherModel.Text);
        Assert.NotEqual(first.Text, otherPrompt.Text);
        Assert.StartsWith("[simulated:sim-a]", first.Text, StringComparison.Ordinal);
        Assert.True(first.Simulated);
        Assert.All(gateway.Ledger.Records, r => Assert.True(r.Simulated));
    }

    [Fact]
    public async Task Failure_rates_produce_the_configured_mix_deterministically()
    {
        var profile = new SimulationProfile { RateLimitRate = 0.2, ServerErrorRate = 0.2, TimeoutRate = 0.1 };
        ModelGatewayOptions options = TestCatalog.Options(TestCatalog.Simulated("sim", profile));
        options.Cooldown.FailureThreshold = 0;
        using GatewayHarness gateway = GatewayHarness.Create(options);

        async Task<List<ModelFailureKind?>> RunAsync()
        {
            var kinds = new List<ModelFailureKind?>();
            for (int i = 0; i < 400; i++)
            {
                ModelAttemptOutcome o = await gateway.Executor.RunAttemptAsync(Input(Request("sim", $"prompt {i}"), $"r|{i:D4}|01"));
                kinds.Add(o.Failure?.Kind);
            }

            return kinds;
        }

        List<ModelFailureKind?> kinds = await RunAsync();

        Assert.InRange(kinds.Count(k => k == ModelFailureKind.RateLimited), 50, 110);
        Assert.InRange(kinds.Count(k => k == ModelFailureKind.ServerError), 50, 110);
        Assert.InRange(kinds.Count(k => k == ModelFailureKind.Timeout), 20, 65);
        Assert.InRange(kinds.Count(k => k is null), 160, 240);
        Assert.Equal(kinds, await RunAsync());
    }

    [Fact]
    public async Task Low_quality_produces_invalid_json_when_a_schema_is_asked_and_good_quality_satisfies_it()
    {
        const string schema = """{"type":"object","properties":{"score":{"type":"integer"}},"required":["score"]}""";
        using GatewayHarness gateway = GatewayHarness.Create(TestCatalog.Options(
            TestCatalog.Simulated("sloppy", new SimulationProfile { Quality = 0 }), TestCatalog.Simulated("careful"))
            .WithRole("score", "sloppy", "careful"));

        ModelCallResult result = await gateway.CallAsync(new ModelCallRequest { Role = "score", Messages = [ModelMessage.User("rate it")], JsonSchema = schema });

        Assert.Equal("careful", result.ModelId);
        Assert.Equal("InvalidStructuredOutput", result.Attempts[0].Outcome);
        Assert.Contains("\"score\"", result.Json, StringComparison.Ordinal);
    }

    private static ModelCallRequest Request(string model, string prompt) => new() { Model = model, Messages = [ModelMessage.User(prompt)] };

    private static ModelAttemptInput Input(ModelCallRequest request, string callId) => new()
    {
        Request = request, ModelId = request.Model!, CallId = callId, RunId = "r", Attempt = 1, ScheduledAtUtc = DateTime.UtcNow,
    };
}
