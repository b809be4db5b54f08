using Azure.Core;
using Microsoft.Extensions.DependencyInjection;
using ModelAlloy.Models.Tests.Fakes;

namespace ModelAlloy.Models.Tests.Providers;

/// <summary>Azure OpenAI through the real AzureOpenAIClient (Azure.AI.OpenAI 2.9.0-beta.1 + OpenAI 2.14.0, M.E.AI.OpenAI's IChatClient) against the fake server.</summary>
public sealed class AzureOpenAIProviderTests : IAsyncLifetime
{
    private FakeModelServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeModelServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Calls_the_deployment_with_the_api_key_header_and_reads_usage()
    {
        _server.Enqueue(OpenAIWire.Completion("hello from azure", promptTokens: 40, completionTokens: 4));
        using GatewayHarness gateway = GatewayHarness.Create(TestCatalog.Options(TestCatalog.Azure("gpt-4o", _server.BaseUri)));

        ModelCallResult result = await gateway.CallAsync(new ModelCallRequest { Model = "gpt-4o", Messages = [ModelMessage.User("hi")] });

        Assert.Equal(("hello from azure", ModelProviderKind.AzureOpenAI), (result.Text, result.Provider));
        Assert.Equal(new TokenUsage(40, 0, 4, false), result.Usage);
        RecordedRequest request = Assert.Single(_server.Requests);
        Assert.StartsWith("/openai/deployments/gpt-4o-deployment/chat/completions?api-version=", request.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(TestCatalog.Secret, request.Headers["api-key"]);
    }

    [Fact]
    public async Task Managed_identity_sends_the_registered_credentials_bearer_token_and_no_api_key()
    {
        _server.Enqueue(OpenAIWire.Completion("hello with a token"));
        ModelDefinition model = TestCatalog.Azure("gpt-4o", _server.BaseUri);
        model.Credential = CredentialSource.ManagedIdentity;
        model.ApiKeyEnvironmentVariable = null;
        var credential = new FakeTokenCredential("fake-entra-token");
        using GatewayHarness gateway = GatewayHarness.Create(TestCatalog.Options(model), s => s.AddSingleton<TokenCredential>(credential));

        ModelCallResult result = await gateway.CallAsync(new ModelCallRequest { Model = "gpt-4o", Messages = [ModelMessage.User("hi")] });

        Assert.Equal("hello with a token", result.Text);
        Assert.Equal(["https://cognitiveservices.azure.com/.default"], Assert.Single(credential.Requests));
        RecordedRequest request = Assert.Single(_server.Requests);
        Assert.Equal("Bearer fake-entra-token", request.Headers["Authorization"]);
        Assert.False(request.Headers.ContainsKey("api-key"));
    }

    [Fact]
    public async Task Rate_limit_carries_retry_after_ms_from_azure()
    {
        _server.Enqueue(OpenAIWire.RateLimited(retryAfterSeconds: 9).WithHeader("retry-after-ms", "1500"), OpenAIWire.Completion("ok"));
        using GatewayHarness gateway = GatewayHarness.Create(TestCatalog.Options(TestCatalog.Azure("gpt-4o", _server.BaseUri)));
        RecordingRuntime runtime = gateway.Runtime();

        await gateway.CallAsync(new ModelCallRequest { Model = "gpt-4o", Messages = [ModelMessage.User("hi")] }, runtime);

        Assert.Equal([TimeSpan.FromMilliseconds(1500)], runtime.Delays);
    }

    [Fact]
    public async Task Missing_key_variable_fails_with_a_message_naming_the_variable()
    {
        ModelDefinition model = TestCatalog.Azure("gpt-4o", _server.BaseUri);
        model.ApiKeyEnvironmentVariable = "NOT_SET_ANYWHERE";
        using GatewayHarness gateway = GatewayHarness.Create(TestCatalog.Options(model));

        var error = await Assert.ThrowsAsync<ModelGatewayException>(
            () => gateway.CallAsync(new ModelCallRequest { Model = "gpt-4o", Messages = [ModelMessage.User("hi")] }));

        Assert.Equal(ModelErrorCodes.CredentialMissing, error.ErrorCode);
        Assert.Contains("environment variable 'NOT_SET_ANYWHERE' is not set", error.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }
}
