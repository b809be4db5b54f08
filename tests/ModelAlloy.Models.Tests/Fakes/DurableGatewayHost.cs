using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelAlloy.Hosting.SelfHosted;

namespace ModelAlloy.Models.Tests.Fakes;

/// <summary>
/// The self-hosted Durable Task worker (SDK worker + client over the in-process sidecar on DTFx in-memory), with the
/// test's catalog, captured logs and the test key; history recorded for assertions.
/// </summary>
public sealed class DurableGatewayHost : IAsyncDisposable
{
    private readonly SelfHostedDurableHost _host;
    private readonly ILoggerFactory _loggers;

    private DurableGatewayHost(SelfHostedDurableHost host, ILoggerFactory loggers, CapturingLoggerProvider logs)
    {
        _host = host;
        _loggers = loggers;
        Logs = logs;
    }

    public CapturingLoggerProvider Logs { get; }

    public DurableTaskClient Client => _host.Client;

    public IServiceProvider Services => _host.Services;

    public InMemoryCostLedger Ledger => (InMemoryCostLedger)_host.Services.GetRequiredService<ICostLedger>();

    public ICostLedger AnyLedger => _host.Services.GetRequiredService<ICostLedger>();

    /// <summary>Starts the host; <paramref name="loseActivityResult"/> loses the named activities' results (DTFx then redelivers them).</summary>
    public static async Task<DurableGatewayHost> StartAsync(
        ModelGatewayOptions options,
        Action<DurableTaskRegistry> orchestrators,
        Action<IServiceCollection>? configure = null,
        Func<string, bool>? loseActivityResult = null,
        IConfiguration? configuration = null)
    {
        var logs = new CapturingLoggerProvider();
        ILoggerFactory loggers = LoggerFactory.Create(b => b
            .AddProvider(logs)
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter("ModelAlloy", LogLevel.Trace));
        var selfHosted = new SelfHostedOptions { RecordHistory = true, LoseActivityResult = loseActivityResult };
        SelfHostedDurableHost host = await SelfHostedDurableHost.StartAsync(
            selfHosted,
            configuration ?? new ConfigurationBuilder().Build(),
            services =>
            {
                services.AddSingleton<IOptions<ModelGatewayOptions>>(Microsoft.Extensions.Options.Options.Create(options));
                services.AddSingleton<IOptionsFactory<ModelGatewayOptions>>(new FixedOptionsFactory(options)); // what startup validation reads
                services.AddSingleton<ISecretSource>(new DictionarySecretSource(new Dictionary<string, string> { [TestCatalog.KeyVariable] = TestCatalog.Secret }));
                configure?.Invoke(services);
            },
            orchestrators,
            loggers,
            TestTimeout.Token());
        return new DurableGatewayHost(host, loggers, logs);
    }

    /// <summary>The run's history as committed (DTFx events).</summary>
    public IReadOnlyList<HistoryEvent> History(string instanceId) => _host.Sidecar.GetRecordedHistory(instanceId);

    public async Task<OrchestrationMetadata> RunAsync(string name, object? input, string instanceId)
    {
        await StartAsync(name, input, instanceId);
        return await CompletionAsync(instanceId);
    }

    public Task StartAsync(string name, object? input, string instanceId) =>
        Client.ScheduleNewOrchestrationInstanceAsync(name, input, new StartOrchestrationOptions { InstanceId = instanceId });

    public Task<OrchestrationMetadata> CompletionAsync(string instanceId) =>
        Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, TestTimeout.Token());

    /// <summary>Polls the running instance until its custom status satisfies <paramref name="until"/> (within the test deadline).</summary>
    public async Task<T> WaitForCustomStatusAsync<T>(string instanceId, Func<T?, bool> until)
    {
        CancellationToken deadline = TestTimeout.Token();
        while (true)
        {
            OrchestrationMetadata run = (await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, deadline))!;
            T? status = run.SerializedCustomStatus is null ? default : run.ReadCustomStatusAs<T>();
            if (until(status))
            {
                return status!;
            }

            Assert.False(run.IsCompleted, $"{run.InstanceId} finished while waiting for its custom status: {run.FailureDetails}");
            await Task.Delay(TimeSpan.FromMilliseconds(20), deadline);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _loggers.Dispose();
    }
}

/// <summary>Hands out the test's own options instance (the host validates options at startup through the factory).</summary>
internal sealed class FixedOptionsFactory(ModelGatewayOptions options) : IOptionsFactory<ModelGatewayOptions>
{
    public ModelGatewayOptions Create(string name) => options;
}
