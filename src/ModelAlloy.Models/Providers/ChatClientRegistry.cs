using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using Anthropic;
using Azure.AI.OpenAI;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.AI;
using OpenAI;

namespace ModelAlloy.Models;

/// <summary>
/// Builds and caches one <see cref="IChatClient"/> per catalog model. SDK-level retries are switched off: retries
/// are orchestration policy (durable timers), and a hidden SDK retry would double-bill and hide Retry-After.
/// </summary>
internal sealed class ChatClientRegistry : IDisposable
{
    private const string NoKey = "no-key";
    private readonly ConcurrentDictionary<string, IChatClient> _clients = new(StringComparer.OrdinalIgnoreCase);
    private readonly ISecretSource _secrets;
    private readonly SecretRedactor _redactor;
    private readonly TimeProvider _time;
    private readonly Lazy<TokenCredential> _azureCredential;
    private readonly HttpClient _http;

    // azureCredential is asked on first use of a managed-identity model; null (or a null answer) means DefaultAzureCredential.
    public ChatClientRegistry(ISecretSource secrets, SecretRedactor redactor, TimeProvider time, Func<TokenCredential?>? azureCredential = null)
    {
        _secrets = secrets;
        _redactor = redactor;
        _time = time;
        _azureCredential = new Lazy<TokenCredential>(() => azureCredential?.Invoke() ?? new DefaultAzureCredential());
        _http = new HttpClient(new ResponseCaptureHandler(time)) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Returns the client for <paramref name="model"/>, creating it on first use.</summary>
    public IChatClient Get(ModelDefinition model) => _clients.GetOrAdd(model.Id, _ => Create(model));

    /// <summary>Replaces the client of a model (tests, custom providers).</summary>
    public void Set(string modelId, IChatClient client) => _clients[modelId] = client;

    public void Dispose()
    {
        foreach (IChatClient client in _clients.Values)
        {
            client.Dispose();
        }

        _http.Dispose();
    }

    private IChatClient Create(ModelDefinition model) => model.Provider switch
    {
        ModelProviderKind.AzureOpenAI => CreateAzure(model),
        ModelProviderKind.OpenAICompatible => CreateOpenAICompatible(model),
        ModelProviderKind.Anthropic => CreateAnthropic(model),
        ModelProviderKind.Simulated => new SimulatedChatClient(model, _time),
        _ => throw new ModelGatewayException(ModelErrorCodes.CatalogInvalid, $"model '{model.Id}': Provider: {model.Provider} is not supported"),
    };

    private IChatClient CreateAzure(ModelDefinition model)
    {
        var options = new AzureOpenAIClientOptions();
        ConfigurePipeline(options);
        AzureOpenAIClient client = model.Credential == CredentialSource.ManagedIdentity
            ? new AzureOpenAIClient(new Uri(model.Endpoint!), _azureCredential.Value, options)
            : new AzureOpenAIClient(new Uri(model.Endpoint!), new ApiKeyCredential(ResolveKey(model)), options);
        return OpenAIChatClients.Create(client.GetChatClient(model.DeploymentOrId));
    }

    private IChatClient CreateOpenAICompatible(ModelDefinition model)
    {
        var options = new OpenAIClientOptions { Endpoint = new Uri(model.Endpoint!) };
        ConfigurePipeline(options);
        string key = model.Credential == CredentialSource.EnvironmentVariable ? ResolveKey(model) : NoKey;
        var client = new OpenAI.Chat.ChatClient(model.DeploymentOrId, new ApiKeyCredential(key), options);
        return OpenAIChatClients.Create(client);
    }

    private IChatClient CreateAnthropic(ModelDefinition model)
    {
        var options = new Anthropic.Core.ClientOptions
        {
            ApiKey = ResolveKey(model),
            MaxRetries = 0,
            HttpClient = _http,
        };
        if (!string.IsNullOrWhiteSpace(model.Endpoint))
        {
            options = options with { BaseUrl = model.Endpoint.TrimEnd('/') };
        }

        var client = new AnthropicClient(options);
        return client.AsIChatClient(model.DeploymentOrId, model.MaxOutputTokens);
    }

    private void ConfigurePipeline(ClientPipelineOptions options)
    {
        options.RetryPolicy = new ClientRetryPolicy(maxRetries: 0);
        options.Transport = new HttpClientPipelineTransport(_http);
        // The attempt's own timeout (a linked token) governs; this only bounds a stuck socket.
        options.NetworkTimeout = TimeSpan.FromMinutes(30);
    }

    private string ResolveKey(ModelDefinition model)
    {
        string name = model.ApiKeyEnvironmentVariable!;
        string? key = _secrets.Get(name)
            ?? throw new ModelGatewayException(
                ModelErrorCodes.CredentialMissing,
                $"model '{model.Id}': environment variable '{name}' is not set; export it with the API key before starting");
        _redactor.Register(key);
        return key;
    }
}
