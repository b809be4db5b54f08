using System.Text;
using System.Text.Json;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModelAlloy.Testing.Azurite;

namespace ModelAlloy.Durable.AzureStorage.Tests.Configuration;

/// <summary>
/// Identity-based connections (service URIs + a token credential, as <c>AzureWebJobsStorage__*Uri</c> configures) against
/// an Azurite that serves HTTPS and checks bearer tokens' issuer, audience and lifetime.
/// </summary>
public sealed class IdentityConnectionTests : IAsyncLifetime
{
    private readonly AzuriteTls _tls = AzuriteTls.Create();
    private AzuriteProcess? _azurite;

    private AzuriteProcess Azurite => _azurite!;

    public async Task InitializeAsync() => _azurite = await AzuriteProcess.StartNewAsync(inMemory: true, tls: _tls);

    public async Task DisposeAsync()
    {
        await Azurite.DisposeAsync();
        _tls.Dispose();
    }

    [Fact]
    public async Task Service_uris_with_a_token_credential_run_an_orchestration_over_https()
    {
        var credential = new StorageTokenCredential("https://storage.azure.com");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage:tableServiceUri"] = Azurite.TableServiceUri.ToString(),
            ["AzureWebJobsStorage:queueServiceUri"] = Azurite.QueueServiceUri.ToString(),
            ["AzureWebJobsStorage:blobServiceUri"] = Azurite.BlobServiceUri.ToString(),
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddDurableTask(b => b
            .UseAzureStorage(o =>
            {
                o.UseFunctionsConnection(configuration);
                o.TaskHubName = AzuriteBackendFactory.NewHubName();
                o.Credential = credential;
                o.ConfigureHttpHandler = h => h.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) => _tls.IsThisCertificate(certificate);
            })
            .AddTasks(r => r
                .AddActivity<int, int>("AddOne", x => x + 1)
                .AddOrchestrator<int, int>("Twice", async (ctx, x) => await ctx.CallActivityAsync<int>("AddOne", await ctx.CallActivityAsync<int>("AddOne", x)))));
        await using var provider = services.BuildServiceProvider();
        var worker = provider.GetRequiredService<Worker.DurableTaskWorker>();
        await ((Microsoft.Extensions.Hosting.IHostedService)worker).StartAsync(CancellationToken.None);
        try
        {
            var client = provider.GetRequiredService<DurableTaskClient>();
            var id = await client.ScheduleNewOrchestrationInstanceAsync("Twice", 40);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var result = await client.WaitForInstanceCompletionAsync(id, timeout.Token);

            Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
            Assert.Equal(42, result.ReadOutputAs<int>());
            Assert.Contains("https://storage.azure.com/.default", credential.RequestedScopes);
        }
        finally
        {
            await ((Microsoft.Extensions.Hosting.IHostedService)worker).StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_token_for_another_audience_is_refused_with_an_error_that_names_the_roles_to_check()
    {
        var options = new AzureStorageBackendOptions
        {
            TaskHubName = AzuriteBackendFactory.NewHubName(),
            TableServiceUri = Azurite.TableServiceUri,
            QueueServiceUri = Azurite.QueueServiceUri,
            BlobServiceUri = Azurite.BlobServiceUri,
            Credential = new StorageTokenCredential("https://vault.azure.net"),
            ConfigureHttpHandler = h => h.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) => _tls.IsThisCertificate(certificate),
        };
        await using var backend = new AzureStorageOrchestrationBackend(options);

        var error = await Assert.ThrowsAsync<DurableStorageException>(backend.CreateIfNotExistsAsync);

        Assert.Contains(error.Status, new[] { 401, 403 });
        Assert.Contains("Storage Queue Data Contributor", error.Message);
    }

    [Fact]
    public void Client_id_setting_selects_a_user_assigned_managed_identity()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage:accountName"] = "acct",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
            ["AzureWebJobsStorage:clientId"] = "00000000-0000-0000-0000-000000000001",
        }).Build();

        var options = new AzureStorageBackendOptions().UseFunctionsConnection(configuration);

        Assert.IsType<ManagedIdentityCredential>(options.Credential);
        Assert.Equal(new Uri("https://acct.queue.core.windows.net"), options.QueueServiceUri);
    }

    /// <summary>Issues unsigned JWTs shaped like Entra ID's (Azurite checks claims, not signatures).</summary>
    private sealed class StorageTokenCredential(string audience) : TokenCredential
    {
        public List<string> RequestedScopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            lock (RequestedScopes)
            {
                RequestedScopes.AddRange(requestContext.Scopes);
            }

            var now = DateTimeOffset.UtcNow;
            var claims = new Dictionary<string, object>
            {
                ["aud"] = audience,
                ["iss"] = "https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/",
                ["iat"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
                ["nbf"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
                ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
                ["oid"] = "11111111-1111-1111-1111-111111111111",
            };
            var token = $"{Base64Url("{\"alg\":\"RS256\",\"typ\":\"JWT\"}")}.{Base64Url(JsonSerializer.Serialize(claims))}.c2lnbmF0dXJl";
            return new AccessToken(token, now.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));

        private static string Base64Url(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
