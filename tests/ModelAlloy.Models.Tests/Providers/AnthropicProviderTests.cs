using ModelAlloy.Models.Tests.Fakes;

namespace ModelAlloy.Models.Tests.Providers;

/// <summary>Anthropic through the real Anthropic 13.14.0 client (its IChatClient) against a fake Messages endpoint.</summary>
public sealed class AnthropicProviderTests : IAsyncLifetime
{
    private FakeModelServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeModelServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Sends_a_messages_request_with_the_key_and_reads_usage()
    {
        _server.Enqueue(AnthropicWire.Message("bonjour", inputTokens: 30, outputTokens: 3));
        using GatewayHarness gateway = Harness();

        ModelCallResult result = await gateway.CallAsync(Request());

        Assert.Equal(("bonjour", ModelProviderKind.Anthropic), (result.Text, result.Provider));
        Assert.Equal(new TokenUsage(30, 0, 3, false), result.Usage);
        Assert.Equal(0.000135m, result.CostUsd);
        RecordedRequest request = Assert.Single(_server.Requests);
        Assert.Equal("/v1/messages", request.PathAndQuery);
        // Anthropic 13.x sends the API key as a bearer token (its documented behaviour), not x-api-key.
        Assert.Equal("Bearer " + TestCatalog.Secret, request.Headers["Authorization"]);
    }

    [Fact]
    public async Task Rate_limit_retry_after_is_captured_from_the_http_layer()
    {
        _server.Enqueue(AnthropicWire.Error(429, "rate_limit_error", "slow down").WithHeader("retry-after", "4"), AnthropicWire.Message("ok"));
        using GatewayHarness gateway = Harness();
        RecordingRuntime runtime = gateway.Runtime();

        ModelCallResult result = await gateway.CallAsync(Request(), runtime);

        Assert.Equal("ok", result.Text);
        Assert.Equal([TimeSpan.FromSeconds(4)], runtime.Delays);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task Structured_output_is_requested_and_validated()
    {
        const string schema = """{"type":"object","properties":{"lang":{"type":"string"}},"required":["lang"]}""";
        _server.Enqueue(AnthropicWire.Message("""{"lang":"fr"}"""));
        using GatewayHarness gateway = Harness();

        ModelCallResult result = await gateway.CallAsync(Request() with { JsonSchema = schema });

        Assert.Equal("""{"lang":"fr"}""", result.Json);
        Assert.Contains("lang", _server.Requests[0].Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(400, "invalid_request_error", "prompt is too long: 210000 tokens > 200000 maximum", ModelFailureKind.ContextLengthExceeded)]
    [InlineData(529, "overloaded_error", "Overloaded", ModelFailureKind.ServerError)]
    [InlineData(401, "authentication_error", "invalid x-api-key", ModelFailureKind.Unauthorized)]
    [InlineData(400, "invalid_request_error", "messages: field required", ModelFailureKind.BadRequest)]
    public async Task Errors_are_classified(int status, string type, string message, ModelFailureKind expected)
    {
        _server.Enqueue(AnthropicWire.Error(status, type, message));
        using GatewayHarness gateway = Harness();

        ModelAttemptOutcome outcome = await gateway.Executor.RunAttemptAsync(new ModelAttemptInput
        {
            Request = Request(), ModelId = "claude", CallId = "r|0001|01", RunId = "r", Attempt = 1, ScheduledAtUtc = DateTime.UtcNow,
        });

        Assert.Equal(expected, outcome.Failure?.Kind);
        Assert.Contains(message, outcome.Failure!.Message, StringComparison.Ordinal);
    }

    private GatewayHarness Harness() => GatewayHarness.Create(TestCatalog.Options(TestCatalog.Anthropic("claude", _server.BaseUri)));

    private static ModelCallRequest Request() => new() { Model = "claude", Messages = [ModelMessage.System("Translate to French."), ModelMessage.User("hello")] };
}
