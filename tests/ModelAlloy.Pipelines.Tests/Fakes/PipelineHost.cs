using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelAlloy.Hosting.SelfHosted;
using ModelAlloy.Models;
using ModelAlloy.Pipelines.Definitions;
using ModelAlloy.Pipelines.Orchestration;

namespace ModelAlloy.Pipelines.Tests.Fakes;

/// <summary>
/// The self-hosted worker (SDK worker + client over the in-process sidecar on DTFx in-memory) with the loopback
/// model server's catalog and a temporary definitions folder the test writes to.
/// </summary>
public sealed class PipelineHost : IAsyncDisposable
{
    private readonly SelfHostedDurableHost _host;

    private PipelineHost(SelfHostedDurableHost host, ModelServer server, string folder)
    {
        _host = host;
        Server = server;
        Folder = folder;
    }

    public ModelServer Server { get; }

    public string Folder { get; }

    public DurableTaskClient Client => _host.Client;

    public InMemoryCostLedger Ledger => (InMemoryCostLedger)_host.Services.GetRequiredService<ICostLedger>();

    public IServiceProvider Services => _host.Services;

    /// <summary>Starts the host; <paramref name="configuration"/> is what <c>AddModelAlloy</c> reads (e.g. a storage connection), <paramref name="configure"/> replaces services.</summary>
    public static async Task<PipelineHost> StartAsync(IConfiguration? configuration = null, Action<IServiceCollection>? configure = null)
    {
        ModelServer server = await ModelServer.StartAsync();
        string folder = Directory.CreateTempSubdirectory("alloy-pipelines-").FullName;
        ModelGatewayOptions options = Catalog.On(server.BaseUri);
        SelfHostedDurableHost host = await SelfHostedDurableHost.StartAsync(
            new SelfHostedOptions { RecordHistory = true },
            configuration ?? new ConfigurationBuilder().Build(),
            services =>
            {
                services.AddSingleton<IOptions<ModelGatewayOptions>>(Options.Create(options));
                services.AddSingleton<IOptionsFactory<ModelGatewayOptions>>(new FixedOptionsFactory(options));
                services.AddSingleton<ISecretSource>(new SecretSource());
                services.AddSingleton<IPipelineDefinitionSource>(new FolderPipelineSource(folder));
                services.AddSingleton(new ModelAlloy.Pipelines.LearnedRouters.PipelineFileRoot(folder));
                configure?.Invoke(services);
            },
            cancellationToken: TestTimeout.Token());
        return new PipelineHost(host, server, folder);
    }

    /// <summary>The run's history as committed (DTFx events).</summary>
    public IReadOnlyList<DurableTask.Core.History.HistoryEvent> History(string instanceId) => _host.Sidecar.GetRecordedHistory(instanceId);

    public PipelineHost Define(string fileName, string json)
    {
        File.WriteAllText(Path.Combine(Folder, fileName), json);
        return this;
    }

    public async Task<OrchestrationMetadata> RunAsync(string pipeline, string input, string instanceId)
    {
        await StartRunAsync(pipeline, input, instanceId);
        return await CompletionAsync(instanceId);
    }

    public Task StartRunAsync(string pipeline, string input, string instanceId) =>
        Client.ScheduleNewOrchestrationInstanceAsync(
            PipelineOrchestrator.Name, new PipelineRunInput { Pipeline = pipeline, Input = input }, new StartOrchestrationOptions { InstanceId = instanceId });

    public Task<OrchestrationMetadata> CompletionAsync(string instanceId) =>
        Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, TestTimeout.Token());

    public async Task<PipelineRunResult> SucceedAsync(string pipeline, string input, string instanceId)
    {
        OrchestrationMetadata run = await RunAsync(pipeline, input, instanceId);
        Assert.True(run.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{instanceId}: {run.RuntimeStatus} {run.FailureDetails?.ErrorMessage}");
        return run.ReadOutputAs<PipelineRunResult>()!;
    }

    /// <summary>Polls the running instance until its progress satisfies <paramref name="until"/> (within the test deadline).</summary>
    public async Task<PipelineProgress> WaitForProgressAsync(string instanceId, Func<PipelineProgress, bool> until)
    {
        CancellationToken deadline = TestTimeout.Token();
        while (true)
        {
            OrchestrationMetadata run = (await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, deadline))!;
            if (run.SerializedCustomStatus is not null && run.ReadCustomStatusAs<PipelineProgress>() is { Kind: PipelineProgress.StatusKind } progress && until(progress))
            {
                return progress;
            }

            Assert.False(run.IsCompleted, $"{instanceId} finished while waiting for its progress: {run.RuntimeStatus} {run.FailureDetails?.ErrorMessage}");
            await Task.Delay(TimeSpan.FromMilliseconds(20), deadline);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Server.ReleaseDelays();
        await _host.DisposeAsync();
        await Server.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }

    private sealed class SecretSource : ISecretSource
    {
        public string? Get(string name) => name == Catalog.KeyVariable ? "sk-test-pipelines" : null;
    }

    private sealed class FixedOptionsFactory(ModelGatewayOptions options) : IOptionsFactory<ModelGatewayOptions>
    {
        public ModelGatewayOptions Create(string name) => options;
    }
}
