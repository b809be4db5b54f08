using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using ModelAlloy.Models.Tests.Fakes;

namespace ModelAlloy.Models.Tests.Providers;

/// <summary>
/// Azure OpenAI and OpenAI-compatible endpoints through Microsoft.Extensions.AI.OpenAI's IChatClient over the real
/// SDK clients (Azure.AI.OpenAI 2.9.0-beta.1, OpenAI 2.14.0) against the loopback fake server: what the gateway
/// keeps on top of the library (no SDK retries, Retry-After, cached-token prices, the schema as written, refusals,
/// redaction) holds for both.
/// </summary>
public sealed class OpenAIProviderTests : IAsyncLifetime
{
    private FakeModelServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeModelServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_openai_compatible_endpoint_gets_a_chat_completion_with_the_bearer_key_model_and_messages()
    {
        _server.Enqueue(OpenAIWire.Completion("bonjour"));
        using GatewayHarness gateway = Harness(ModelProviderKind.OpenAICompatible);

        ModelCallResult result = await gateway.CallAsync(Request("m1"));

        Assert.Equal(("bonjour", ModelProviderKind.OpenAICompatible), (result.Text, result.Provider));
        RecordedRequest request = Assert.Single(_server.Requests);
        Assert.Equal(("POST", "/chat/completions"), (request.Method, request.PathAndQuery));
        Assert.Equal("Bearer " + TestCatalog.Secret, request.Headers["Authorization"]);
        JsonNode body = JsonNode.Parse(request.Body)!;
        Assert.Equal("m1", (string?)body["model"]);
        // The gateway's own ChatOptions properties (the attempt number) stay off the wire.
        Assert.DoesNotContain("alloy.", request.Body, StringComparison.Ordinal);
        Assert.Equal(
            [("system", "Translate to French."), ("user", "hello")],
            body["messages"]!.AsArray().Select(m => ((string)m!["role"]!, ContentText(m["content"]!))));
    }

    [Fact]
    public async Task A_keyless_openai_compatible_endpoint_is_called_with_a_placeholder_key()
    {
        _server.Enqueue(OpenAIWire.Completion("local answer"));
        ModelDefinition model = TestCatalog.OpenAI("m1", _server.BaseUri);
        model.Credential = CredentialSource.None;
        model.ApiKeyEnvironmentVariable = null;
        using GatewayHarness gateway = GatewayHarness.Create(TestCatalog.Options(model));

        ModelCallResult result = await gateway.CallAsync(Request("m1"));

        Assert.Equal("local answer", result.Text);
        Assert.Equal("Bearer no-key", Assert.Single(_server.Requests).Headers["Authorization"]);
    }

    [Theory]
    [InlineData(ModelProviderKind.AzureOpenAI)]
    [InlineData(ModelProviderKind.OpenAICompatible)]
    public async Task Cached_prompt_tokens_are_read_and_priced_at_the_cached_input_price(ModelProviderKind provider)
    {
        _server.Enqueue(OpenAIWire.Completion("warm", promptTokens: 1000, completionTokens: 100, cachedTokens: 400));
        using GatewayHarness gateway = Harness(provider);

        ModelCallResult result = await gateway.CallAsync(Request("m1"));

        Assert.Equal(new TokenUsage(1000, 400, 100, Estimated: false), result.Usage);
        // 600 uncached x $1/M + 400 cached x $0.5/M + 100 out x $2/M
        Assert.Equal(0.0006m + 0.0002m + 0.0002m, result.CostUsd);
        CostRecord record = Assert.Single(gateway.Ledger.Records);
        Assert.Equal((400L, true), (record.CachedInputTokens, record.CacheHit));
    }

    [Theory]
    [InlineData(ModelProviderKind.AzureOpenAI, 500, ModelFailureKind.ServerError)]
    [InlineData(ModelProviderKind.AzureOpenAI, 503, ModelFailureKind.ServerError)]
    [InlineData(ModelProviderKind.AzureOpenAI, 429, ModelFailureKind.RateLimited)]
    [InlineData(ModelProviderKind.OpenAICompatible, 500, ModelFailureKind.ServerError)]
    [InlineData(ModelProviderKind.OpenAICompatible, 503, ModelFailureKind.ServerError)]
    [InlineData(ModelProviderKind.OpenAICompatible, 429, ModelFailureKind.RateLimited)]
    public async Task The_sdk_does_not_retry_one_attempt_is_one_request(ModelProviderKind provider, int status, ModelFailureKind expected)
    {
        _server.Enqueue(OpenAIWire.Error(status, "busy", "try later").WithHeader("Retry-After", "1"), OpenAIWire.Completion("a hidden retry would get this"));
        using GatewayHarness gateway = Harness(provider);

        ModelAttemptOutcome outcome = await gateway.Executor.RunAttemptAsync(Attempt("m1"));

        Assert.Equal(expected, outcome.Failure?.Kind);
        Assert.Equal(status, outcome.Failure!.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), outcome.Failure.RetryAfter);
        Assert.Single(_server.Requests);
    }

    [Theory]
    [InlineData(ModelProviderKind.AzureOpenAI)]
    [InlineData(ModelProviderKind.OpenAICompatible)]
    public async Task A_rate_limit_waits_the_retry_after_of_the_response_then_retries(ModelProviderKind provider)
    {
        _server.Enqueue(OpenAIWire.RateLimited(retryAfterSeconds: 6), OpenAIWire.Completion("ok"));
        using GatewayHarness gateway = Harness(provider);
        RecordingRuntime runtime = gateway.Runtime();

        ModelCallResult result = await gateway.CallAsync(Request("m1"), runtime);

        Assert.Equal("ok", result.Text);
        Assert.Equal([TimeSpan.FromSeconds(6)], runtime.Delays);
        Assert.Equal(["RateLimited", "Succeeded"], result.Attempts.Select(a => a.Outcome));
        Assert.Equal(2, _server.Requests.Count);
    }

    [Theory]
    [InlineData(ModelProviderKind.AzureOpenAI)]
    [InlineData(ModelProviderKind.OpenAICompatible)]
    public async Task The_json_schema_is_sent_as_written_and_not_strict(ModelProviderKind provider)
    {
        // An optional property and a pattern: the strict rewrite would make "note" required and drop the pattern.
        const string schema = """{"type":"object","properties":{"lang":{"type":"string","pattern":"^[a-z]{2}$"},"note":{"type":"string"}},"required":["lang"]}""";
        _server.Enqueue(OpenAIWire.Completion("""{"lang":"fr"}"""));
        using GatewayHarness gateway = Harness(provider);

        ModelCallResult result = await gateway.CallAsync(Request("m1") with { JsonSchema = schema });

        Assert.Equal("""{"lang":"fr"}""", result.Json);
        JsonNode format = JsonNode.Parse(Assert.Single(_server.Requests).Body)!["response_format"]!;
        Assert.Equal("json_schema", (string?)format["type"]);
        Assert.Equal("answer", (string?)format["json_schema"]!["name"]);
        Assert.False((bool?)format["json_schema"]!["strict"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(schema), format["json_schema"]!["schema"]), format.ToJsonString());
    }

    [Theory]
    [InlineData(ModelProviderKind.AzureOpenAI)]
    [InlineData(ModelProviderKind.OpenAICompatible)]
    public async Task A_refusal_counts_as_the_content_filter_and_moves_down_the_chain(ModelProviderKind provider)
    {
        _server.Enqueue(OpenAIWire.Refusal("I can't help with that."), OpenAIWire.Completion("backup answer"));
        using GatewayHarness gateway = Harness(provider);
        RecordingRuntime runtime = gateway.Runtime();

        ModelCallResult result = await gateway.CallAsync(new ModelCallRequest { Role = "chat", Messages = [ModelMessage.User("hi")] }, runtime);

        Assert.Equal(("m2", "backup answer"), (result.ModelId, result.Text));
        Assert.Equal(["ContentFiltered", "Succeeded"], result.Attempts.Select(a => a.Outcome));
        Assert.Empty(runtime.Delays);
    }

    [Fact]
    public async Task Streaming_is_the_sdks_own_and_a_streamed_refusal_ends_as_the_content_filter()
    {
        _server.Enqueue(OpenAIWire.Stream(["bon", "jour"]), OpenAIWire.Stream(["I can't ", "help."], deltaField: "refusal"));
        using GatewayHarness gateway = Harness(ModelProviderKind.OpenAICompatible);
        IChatClient client = gateway.Services.GetRequiredService<ChatClientRegistry>().Get(gateway.Services.GetRequiredService<ModelCatalog>().Get("m1"));

        ChatResponse answer = await client.GetStreamingResponseAsync("hello", cancellationToken: TestTimeout.Token()).ToChatResponseAsync();
        ChatResponse refusal = await client.GetStreamingResponseAsync("hello", cancellationToken: TestTimeout.Token()).ToChatResponseAsync();

        Assert.Equal(("bonjour", ChatFinishReason.Stop), (answer.Text, answer.FinishReason));
        Assert.Equal((string.Empty, ChatFinishReason.ContentFilter), (refusal.Text, refusal.FinishReason));
        Assert.All(_server.Requests, r => Assert.True((bool?)JsonNode.Parse(r.Body)!["stream"]));
    }

    [Theory]
    [InlineData(ModelProviderKind.AzureOpenAI)]
    [InlineData(ModelProviderKind.OpenAICompatible)]
    public async Task A_key_echoed_in_an_error_is_redacted_from_the_failure_and_the_logs(ModelProviderKind provider)
    {
        _server.Enqueue(OpenAIWire.Error(401, "invalid_api_key", $"Incorrect API key provided: {TestCatalog.Secret}."));
        using GatewayHarness gateway = Harness(provider);

        ModelAttemptOutcome outcome = await gateway.Executor.RunAttemptAsync(Attempt("m1"));

        Assert.Equal(ModelFailureKind.Unauthorized, outcome.Failure?.Kind);
        Assert.Equal($"HTTP 401: invalid_api_key: Incorrect API key provided: {SecretRedactor.Mask}.", outcome.Failure!.Message);
        Assert.Contains("Incorrect API key provided", gateway.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(TestCatalog.Secret, gateway.Logs.AllText, StringComparison.Ordinal);
    }

    // Two models of one provider on the fake server, chained as role "chat"; prices as TestCatalog.OpenAI's.
    private GatewayHarness Harness(ModelProviderKind provider) =>
        GatewayHarness.Create(TestCatalog.Options(Model(provider, "m1"), Model(provider, "m2")).WithRole("chat", "m1", "m2"));

    private ModelDefinition Model(ModelProviderKind provider, string id)
    {
        ModelDefinition model = TestCatalog.OpenAI(id, _server.BaseUri);
        if (provider == ModelProviderKind.AzureOpenAI)
        {
            ModelDefinition azure = TestCatalog.Azure(id, _server.BaseUri);
            azure.Prices = model.Prices;
            return azure;
        }

        return model;
    }

    private static ModelCallRequest Request(string model) =>
        new() { Model = model, Messages = [ModelMessage.System("Translate to French."), ModelMessage.User("hello")] };

    private static ModelAttemptInput Attempt(string model) => new()
    {
        Request = Request(model), ModelId = model, CallId = "r|0001|01", RunId = "r", Attempt = 1, ScheduledAtUtc = DateTime.UtcNow,
    };

    // The SDK sends a message's content as a string or as an array of text parts.
    private static string ContentText(JsonNode content) => content is JsonArray parts
        ? string.Concat(parts.Select(p => (string?)p!["text"]))
        : (string)content!;
}
