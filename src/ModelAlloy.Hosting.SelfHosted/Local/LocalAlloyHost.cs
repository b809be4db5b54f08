using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelAlloy.Pipelines.Definitions;
using ModelAlloy.Pipelines.Orchestration;
using ModelAlloy.Pipelines.Validation;

namespace ModelAlloy.Hosting.SelfHosted;

/// <summary>
/// A ModelAlloy host on this machine, as the CLI, <c>alloy serve</c>, evaluation and benches start it: the
/// self-hosted worker with the pipelines folder and a model catalog file, on DTFx in-memory or Azure Storage.
/// </summary>
public sealed class LocalAlloyHost : IAsyncDisposable
{
    private LocalAlloyHost(SelfHostedDurableHost durable, LocalAlloyOptions options)
    {
        Durable = durable;
        Options = options;
    }

    /// <summary>Gets the options it runs with.</summary>
    public LocalAlloyOptions Options { get; }

    /// <summary>Gets the durable host (sidecar, worker and client).</summary>
    public SelfHostedDurableHost Durable { get; }

    /// <summary>Gets the durable client.</summary>
    public DurableTaskClient Client => Durable.Client;

    /// <summary>Gets the services (gateway, ledger, pipeline library).</summary>
    public IServiceProvider Services => Durable.Services;

    /// <summary>Gets the pipeline definitions.</summary>
    public PipelineLibrary Pipelines => Services.GetRequiredService<PipelineLibrary>();

    /// <summary>Starts a host.</summary>
    /// <param name="options">The folder, catalog and store.</param>
    /// <param name="configureServices">More services, or replacements.</param>
    /// <param name="loggerFactory">Where logs go (none by default).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running host.</returns>
    /// <exception cref="FileNotFoundException">When the catalog file does not exist.</exception>
    public static async Task<LocalAlloyHost> StartAsync(
        LocalAlloyOptions options,
        Action<IServiceCollection>? configureServices = null,
        ILoggerFactory? loggerFactory = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        string catalog = Path.GetFullPath(options.ResolvedCatalogFile);
        if (!File.Exists(catalog))
        {
            throw new FileNotFoundException($"model catalog '{options.ResolvedCatalogFile}' not found; pass --catalog <file> or run from the repository root", catalog);
        }

        var settings = new Dictionary<string, string?>
        {
            [ModelAlloy.Pipelines.PipelineServiceCollectionExtensions.FolderSettingName] = Path.GetFullPath(options.PipelinesFolder),
        };
        string? storage = options.ResolvedStorage;
        if (storage is not null)
        {
            settings[StorageConnection.FunctionsSettingName] = storage;
        }

        IConfiguration configuration = new ConfigurationBuilder().AddJsonFile(catalog).AddInMemoryCollection(settings).Build();
        var durableOptions = new SelfHostedOptions
        {
            Backend = storage is null ? DurableBackend.InMemory : DurableBackend.AzureStorage,
            Storage = storage is null ? null : StorageConnection.FromConnectionString(storage),
            TaskHubName = options.TaskHubName,
            RunWorker = options.RunWorker,
            MaxConcurrentActivities = options.MaxConcurrentActivities,
            RecordHistory = options.RecordHistory,
        };
        SelfHostedDurableHost durable = await SelfHostedDurableHost.StartAsync(durableOptions, configuration, configureServices, loggerFactory: loggerFactory, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new LocalAlloyHost(durable, options);
    }

    /// <summary>Starts a run of a pipeline by name.</summary>
    /// <param name="pipeline">The pipeline's name.</param>
    /// <param name="input">The input text.</param>
    /// <param name="instanceId">The instance id (a new one when null).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The instance id.</returns>
    /// <exception cref="PipelineDefinitionException">When the pipeline is unknown or invalid (nothing is started).</exception>
    public async Task<string> StartPipelineAsync(string pipeline, string input, string? instanceId = null, CancellationToken cancellationToken = default)
    {
        PipelineRunInput run = await Pipelines.PrepareRunAsync(pipeline, input, cancellationToken).ConfigureAwait(false);
        return await Client.ScheduleNewOrchestrationInstanceAsync(
            PipelineOrchestrator.Name, run, new StartOrchestrationOptions { InstanceId = instanceId }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Durable.DisposeAsync();
}
