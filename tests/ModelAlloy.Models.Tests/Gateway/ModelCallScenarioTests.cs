using ModelAlloy.Models.Tests.Fakes;

namespace ModelAlloy.Models.Tests.Gateway;

/// <summary>
/// The scenarios of issue 4 section 6, through the real OpenAI 2.1.0 client against a scripted loopback server.
/// Two "models" share one server; each test scripts the responses in the order the policy will ask for them.
/// </summary>
public sealed class ModelCallScenarioTests : IAsyncLifetime
{
    private FakeModelServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeModelServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Success_records_provider_usage_and_decimal_cost()
    {
        _server.Enqueue(OpenAIWire.Completion("positive", promptTokens: 1000, completionTokens: 500, cachedTokens: 200));
        using GatewayHarness gateway = Harness();

        ModelCallResult result = await gateway.CallAsync(Request());

        Assert.Equal("positive", result.Text);
        Assert.Equal("primary", result.ModelId);
        Assert.Equal(new TokenUsage(1000, 200, 500, Estimated: false), result.Usage);
        // 800 uncached x $1/M + 200 cached x $0.5/M + 500 out x $2/M
        Assert.Equal(0.0008m + 0.0001m + 0.001m, result.CostUsd);
        CostRecord record = Assert.Single(gateway.Ledger.Records);
        Assert.Equal(("Succeeded", 0.0019m, "run-1|0001|01"), (record.Outcome, record.CostUsd, record.CallId));
    }

    [Fact]
    public async Task A_prompt_cache_hit_is_recorded_as_such_with_its_cached_tokens_at_the_cached_input_price()
    {
        _server.Enqueue(
            OpenAIWire.Completion("cold", promptTokens: 1000, completionTokens: 10, cachedTokens: 0),
            OpenAIWire.Completion("warm", promptTokens: 1000, completionTokens: 10, cachedTokens: 600));
        using GatewayHarness gateway = Harness();

        await gateway.CallAsync(Request());
        await gateway.CallAsync(Request(), gateway.Runtime("run-2"));

        CostRecord cold = gateway.Ledger.Records.Single(r => r.RunId == "run-1");
        CostRecord warm = gateway.Ledger.Records.Single(r => r.RunId == "run-2");
        Assert.Equal((0L, false), (cold.CachedInputTokens, cold.CacheHit));
        Assert.Equal((600L, true), (warm.CachedInputTokens, warm.CacheHit));
        // 400 uncached x $1/M + 600 cached x $0.5/M + 10 out x $2/M
        Assert.Equal(0.0004m + 0.0003m + 0.00002m, warm.CostUsd);
    }

    [Fact]
    public async Task Missing_usage_is_estimated_with_the_tokenizer_and_marked_estimated()
    {
        _server.Enqueue(OpenAIWire.Completion("a fairly short answer", promptTokens: null));
        using GatewayHarness gateway = Harness();

        ModelCallResult result = await gateway.CallAsync(Request());

        Assert.True(result.Usage.Estimated);
        Assert.InRange(result.Usage.InputTokens, 5, 40);
        Assert.InRange(result.Usage.OutputTokens, 3, 8);
        Assert.True(Assert.Single(gateway.Ledger.Records).UsageEstimated);
    }

    [Fact]
    public async Task Rate_limit_waits_for_retry_after_then_retries_the_same_model()
    {
        _server.Enqueue(OpenAIWire.RateLimited(retryAfterSeconds: 7), OpenAIWire.Completion("ok"));
        using GatewayHarness gateway = Harness();
        RecordingRuntime runtime = gateway.Runtime();

        ModelCallResult result = await gateway.CallAsync(Request(), runtime);

        Assert.Equal("primary", result.ModelId);
        Assert.Equal([TimeSpan.FromSeconds(7)], runtime.Delays);
        Assert.Equal(["RateLimited", "Succeeded"], result.Attempts.Select(a => a.Outcome));
        Assert.Equal(2, gateway.Ledger.Records.Count);
    }

    [Fact]
    public async Task Server_error_then_success_retries_after_backoff()
    {
        _server.Enqueue(OpenAIWire.Error(500, "server_error", "boom"), OpenAIWire.Error(503, "unavailable", "busy"), OpenAIWire.Completion("ok"));
        using GatewayHarness gateway = Harness();
        RecordingRuntime runtime = gateway.Runtime();

        ModelCallResult result = await gateway.CallAsync(Request(), runtime);

        Assert.Equal("ok", result.Text);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], runtime.Delays);
    }

    [Fact]
    public async Task Timeout_is_retried_then_falls_back_to_the_next_model()
    {
        TimeSpan hang = TimeSpan.FromSeconds(20);
        _server.Enqueue(
            OpenAIWire.Completion("late").After(hang), OpenAIWire.Completion("late").After(hang), OpenAIWire.Completion("late").After(hang),
            OpenAIWire.Completion("from backup"));
        using GatewayHarness gateway = Harness();

        ModelCallResult result = await gateway.CallAsync(Request() with { Timeout = TimeSpan.FromSeconds(1) });

        Assert.Equal(("backup", "from backup"), (result.ModelId, result.Text));
        Assert.Equal(["Timeout", "Timeout", "Timeout", "Succeeded"], result.Attempts.Select(a => a.Outcome));
        Assert.Equal(result.Attempts[2].CallId, gateway.Ledger.Records.Last().FallbackFromCallId);
    }

    [Fact]
    public async Task Malformed_body_is_treated_as_transient_and_retried()
    {
        _server.Enqueue(OpenAIWire.Malformed(), OpenAIWire.Completion("ok"));
        using GatewayHarness gateway = Harness();

        ModelCallResult result = await gateway.CallAsync(Request());

        Assert.Equal(["MalformedResponse", "Succeeded"], result.Attempts.Select(a => a.Outcome));
        Assert.Equal("primary", result.ModelId);
    }

    [Fact]
    public async Task Content_filter_moves_to_the_next_model_without_retrying()
    {
        _server.Enqueue(OpenAIWire.ContentFiltered(), OpenAIWire.Completion("backup answer"));
        using GatewayHarness gateway = Harness();
        RecordingRuntime runtime = gateway.Runtime();

        ModelCallResult result = await gateway.CallAsync(Request(), runtime);

        Assert.Equal("backup", result.ModelId);
        Assert.Equal(["ContentFiltered", "Succeeded"], result.Attempts.Select(a => a.Outcome));
        Assert.Empty(runtime.Delays);
    }

    [Fact]
    public async Task Content_filter_finish_reason_on_a_200_also_moves_down_the_chain()
    {
        _server.Enqueue(OpenAIWire.Completion(string.Empty, finishReason: "content_filter"), OpenAIWire.Completion("clean"));
        using GatewayHarness gateway = Harness();

        ModelCallResult result = await gateway.CallAsync(Request());

        Assert.Equal(["ContentFiltered", "Succeeded"], result.Attempts.Select(a => a.Outcome));
    }

    [Fact]
    public async Task Context_length_exceeded_moves_to_a_model_with_a_larger_context()
    {
        _server.Enqueue(OpenAIWire.ContextLengthExceeded(), OpenAIWire.Completion("fits"));
        ModelGatewayOptions options = TestCatalog.Options(
            TestCatalog.OpenAI("small", _server.BaseUri, contextWindow: 8192),
            TestCatalog.OpenAI("also-small", _server.BaseUri, contextWindow: 8192),
            TestCatalog.OpenAI("large", _server.BaseUri, contextWindow: 200_000, inputPrice: 5m))
            .WithRole("chat", "small", "also-small");
        using GatewayHarness gateway = GatewayHarness.Create(options);

        ModelCallResult result = await gateway.CallAsync(Request());

        Assert.Equal("large", result.ModelId);
        Assert.Equal(["small", "large"], result.Attempts.Select(a => a.ModelId));
    }

    [Fact]
    public async Task Invalid_structured_output_falls_back_to_the_next_model()
    {
        const string schema = """{"type":"object","properties":{"label":{"type":"string","enum":["pos","neg"]}},"required":["label"]}""";
        _server.Enqueue(OpenAIWire.Completion("""{"label":"maybe"}"""), OpenAIWire.Completion("```json\n{\"label\":\"pos\"}\n```"));
        using GatewayHarness gateway = Harness();

        ModelCallResult result = await gateway.CallAsync(Request() with { JsonSchema = schema });

        Assert.Equal(("backup", """{"label":"pos"}"""), (result.ModelId, result.Json));
        Assert.Equal("InvalidStructuredOutput", result.Attempts[0].Outcome);
        Assert.Contains("response_format", _server.Requests[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_answer_falls_back_to_the_next_model()
    {
        _server.Enqueue(OpenAIWire.Completion("   "), OpenAIWire.Completion("something"));
        using GatewayHarness gateway = Harness();

        ModelCallResult result = await gateway.CallAsync(Request());

        Assert.Equal(["EmptyAnswer", "Succeeded"], result.Attempts.Select(a => a.Outcome));
    }

    [Fact]
    public async Task Retry_after_longer_than_the_limit_moves_on_instead_of_waiting()
    {
        _server.Enqueue(OpenAIWire.RateLimited(retryAfterSeconds: 3600), OpenAIWire.Completion("backup"));
        using GatewayHarness gateway = Harness();
        RecordingRuntime runtime = gateway.Runtime();

        ModelCallResult result = await gateway.CallAsync(Request(), runtime);

        Assert.Equal("backup", result.ModelId);
        Assert.Empty(runtime.Delays);
    }

    [Fact]
    public async Task Everything_failing_ends_in_one_clear_failure_with_every_attempt_in_the_ledger()
    {
        _server.Enqueue(
            OpenAIWire.Error(500, "server_error", "down"), OpenAIWire.Error(500, "server_error", "down"), OpenAIWire.Error(500, "server_error", "down"),
            OpenAIWire.Error(401, "invalid_api_key", "Incorrect API key provided"));
        using GatewayHarness gateway = Harness();

        var failure = await Assert.ThrowsAsync<ModelCallFailedException>(() => gateway.CallAsync(Request()));

        Assert.Equal(ModelErrorCodes.AllAttemptsFailed, failure.ErrorCode);
        Assert.Equal(4, failure.Attempts.Count);
        Assert.Contains("model call 'chat' failed after 4 attempt(s) on 2 model(s)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("backup: Unauthorized: HTTP 401", failure.Message, StringComparison.Ordinal);
        Assert.Equal(failure.Attempts.Select(a => a.CallId), gateway.Ledger.Records.Select(r => r.CallId));
        Assert.All(gateway.Ledger.Records, r => Assert.NotEqual("Succeeded", r.Outcome));
    }

    private GatewayHarness Harness() => GatewayHarness.Create(TestCatalog.PrimaryAndBackup(_server.BaseUri));

    private static ModelCallRequest Request() => new()
    {
        Role = "chat",
        Messages = [ModelMessage.System("Classify the sentiment."), ModelMessage.User("I love this product")],
        TaskType = "classify",
        Pipeline = "reviews",
    };
}
