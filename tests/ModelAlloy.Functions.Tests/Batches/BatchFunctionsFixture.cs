using Azure.Storage.Queues;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ModelAlloy.Batches.Queue;
using ModelAlloy.Functions.Batches;
using ModelAlloy.Functions.Tests.Fakes;
using ModelAlloy.Hosting;
using ModelAlloy.Hosting.SelfHosted;
using ModelAlloy.Pipelines.Definitions;

namespace ModelAlloy.Functions.Tests.Batches;

/// <summary>
/// The batch trigger's world: Azurite for its queues and blobs, and a real <see cref="DurableTaskClient"/> (self-hosted
/// worker on DTFx in-memory, the Functions app's wrappers registered) over a pipelines folder with <c>one-step</c>.
/// </summary>
public sealed class BatchFunctionsFixture : IAsyncLifetime
{
    public const string Pipeline = "one-step";

    private readonly AzuriteFixture _azurite = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("alloy-batch-fn-").FullName;
    private SelfHostedDurableHost? _host;

    public SelfHostedDurableHost Host => _host ?? throw new InvalidOperationException("not started");

    public DurableTaskClient Client => Host.Client;

    public string ConnectionString => _azurite.ConnectionString;

    public BatchQueueFunction Function => new(StorageConnection.FromConnectionString(ConnectionString), Pipelines, NullLogger<BatchQueueFunction>.Instance);

    public PipelineLibrary Pipelines => Host.Services.GetRequiredService<PipelineLibrary>();

    public BatchBlobStore Store => new(StorageConnection.FromConnectionString(ConnectionString).CreateBlobServiceClient());

    public QueueServiceClient Queues => new(ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        File.WriteAllText(Path.Combine(_folder, "one-step.json"), """
            { "name": "one-step", "description": "One cheap model call per item.",
              "stages": [ { "id": "answer", "kind": "chain", "steps": [ { "role": "cheap", "prompt": "Answer: {{input}}", "taskType": "answer" } ] } ] }
            """);
        IConfiguration configuration = new ConfigurationBuilder()
            .AddConfiguration(DurableClientFixture.Catalog())
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ModelGateway:Roles:cheap:Chain:0"] = "sim-mini",
                ["ModelGateway:Models:sim-mini:Prices:InputPerMillion"] = "0.15",
                ["ModelGateway:Models:sim-mini:Prices:OutputPerMillion"] = "0.6",
                [ModelAlloy.Pipelines.PipelineServiceCollectionExtensions.FolderSettingName] = _folder,
            })
            .Build();
        _host = await SelfHostedDurableHost.StartAsync(new SelfHostedOptions { RecordHistory = true }, configuration, registerTasks: FunctionWrappers.Register, cancellationToken: TestTimeout.Token(60));
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await _azurite.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
