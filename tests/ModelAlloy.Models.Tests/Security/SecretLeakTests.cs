using System.Text.Json;
using Microsoft.DurableTask.Client;
using ModelAlloy.Models.Durable;
using ModelAlloy.Models.Tests.Fakes;

namespace ModelAlloy.Models.Tests.Security;

/// <summary>
/// No API key ever appears in logs, orchestration history, the ledger or error text — even when a provider echoes
/// the request's credentials back in its error body, as misbehaving proxies do.
/// </summary>
public sealed class SecretLeakTests : IAsyncLifetime
{
    private FakeModelServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeModelServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Keys_echoed_by_a_provider_are_redacted_everywhere()
    {
        string echo = $"invalid key Authorization: Bearer {TestCatalog.Secret}; api-key: {TestCatalog.Secret}";
        _server.Enqueue(
            OpenAIWire.Error(401, "invalid_api_key", echo), OpenAIWire.Error(500, "server_error", "upstream said " + TestCatalog.Secret),
            OpenAIWire.Error(500, "server_error", TestCatalog.Secret), OpenAIWire.Error(500, "server_error", TestCatalog.Secret),
            AnthropicWire.Error(403, "permission_error", "key " + TestCatalog.Secret + " is not allowed"));
        ModelGatewayOptions options = TestCatalog.Options(
            TestCatalog.Azure("azure", _server.BaseUri), TestCatalog.OpenAI("openai", _server.BaseUri), TestCatalog.Anthropic("claude", _server.BaseUri))
            .WithRole("chat", "azure", "openai", "claude");
        options.Retry.FirstInterval = TimeSpan.FromMilliseconds(10);
        await using DurableGatewayHost host = await DurableGatewayHost.StartAsync(
            options, r => r.AddSingleCall("call"));

        OrchestrationMetadata run = await host.RunAsync("call", new ModelCallRequest { Role = "chat", Messages = [ModelMessage.User("hi")] }, "leak-check");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, run.RuntimeStatus);
        Assert.Equal(5, _server.Requests.Count);
        Assert.All(_server.Requests, r => Assert.Contains(TestCatalog.Secret, string.Join(" ", r.Headers.Values), StringComparison.Ordinal));
        string history = JsonSerializer.Serialize(host.History("leak-check").Cast<object>().ToList()) + run.FailureDetails;
        string ledger = JsonSerializer.Serialize(host.Ledger.Records);
        AssertNoSecret(history, "history");
        AssertNoSecret(ledger, "ledger");
        AssertNoSecret(host.Logs.AllText, "logs");
        Assert.Contains(SecretRedactor.Mask, run.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(5, host.Ledger.Records.Count);
    }

    [Fact]
    public async Task A_missing_key_and_a_bad_catalog_name_variables_never_values()
    {
        ModelDefinition model = TestCatalog.OpenAI("openai", _server.BaseUri);
        model.ApiKeyEnvironmentVariable = "UNSET_VARIABLE";
        using GatewayHarness gateway = GatewayHarness.Create(TestCatalog.Options(model));

        var error = await Assert.ThrowsAsync<ModelGatewayException>(() => gateway.CallAsync(new ModelCallRequest { Model = "openai", Messages = [ModelMessage.User("x")] }));
        model.ApiKeyEnvironmentVariable = TestCatalog.Secret;
        string validation = string.Join("\n", ModelGatewayOptionsValidator.Collect(TestCatalog.Options(model)));

        Assert.Contains("UNSET_VARIABLE", error.Message, StringComparison.Ordinal);
        AssertNoSecret(validation, "validation errors");
        Assert.Contains("looks like a key, not a variable name", validation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Authorization: Bearer abcdefghijklmnop1234", "Authorization: Bearer [redacted]")]
    [InlineData("""{"api-key": "0123456789abcdef"}""", """{"api-key": "[redacted]"}""")]
    [InlineData("x-api-key=sk-ant-api03-abcdefgh", "x-api-key=[redacted]")]
    [InlineData("token sk-proj-1234567890abcdef in text", "token [redacted] in text")]
    [InlineData("nothing secret here", "nothing secret here")]
    public void Recognisable_keys_are_masked_even_when_unknown(string text, string expected)
    {
        Assert.Equal(expected, new SecretRedactor().Redact(text));
    }

    private static void AssertNoSecret(string text, string where)
    {
        Assert.False(text.Contains(TestCatalog.Secret, StringComparison.Ordinal), $"the API key leaked into {where}");
        Assert.False(text.Contains("9f8e7d6c5b4a3210", StringComparison.Ordinal), $"part of the API key leaked into {where}");
    }
}
