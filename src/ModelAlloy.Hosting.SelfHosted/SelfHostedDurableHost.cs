using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ModelAlloy.Hosting.SelfHosted.Sidecar;

namespace ModelAlloy.Hosting.SelfHosted;

/// <summary>
/// A complete self-hosted ModelAlloy worker in this process: the sidecar over the chosen backend, and a host with
/// <c>AddModelAlloy</c>, the SDK worker and a client. What the CLI, containers and tests run.
/// </summary>
public sealed class SelfHostedDurableHost : IAsyncDisposable
{
    private readonly IHost _host;

    private SelfHostedDurableHost(DurableSidecar sidecar, IHost host)
    {
        Sidecar = sidecar;
        _host = host;
    }

    /// <summary>Gets the sidecar.</summary>
    public DurableSidecar Sidecar { get; }

    /// <summary>Gets the worker host's services (the gateway, the ledger...).</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>Gets the client.</summary>
    public DurableTaskClient Client => _host.Services.GetRequiredService<DurableTaskClient>();

    /// <summary>Starts the sidecar and the worker.</summary>
    /// <param name="options">The backend and its tuning.</param>
    /// <param name="configuration">The configuration <c>AddModelAlloy</c> reads (the model catalog...).</param>
    /// <param name="configureServices">More services, or replacements (registered after <c>AddModelAlloy</c>).</param>
    /// <param name="registerTasks">More orchestrators and activities.</param>
    /// <param name="loggerFactory">Where logs go (none by default).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running host.</returns>
    public static async Task<SelfHostedDurableHost> StartAsync(
        SelfHostedOptions options,
        IConfiguration configuration,
        Action<IServiceCollection>? configureServices = null,
        Action<DurableTaskRegistry>? registerTasks = null,
        ILoggerFactory? loggerFactory = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        loggerFactory ??= NullLoggerFactory.Instance;
        DurableSidecar sidecar = await DurableSidecar.StartAsync(options, loggerFactory, cancellationToken).ConfigureAwait(false);
        try
        {
            HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Services.AddSingleton(loggerFactory);
            builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
            builder.Services.AddSingleton(configuration);
            builder.Services.AddModelAlloy(configuration);
            builder.Services.AddModelAlloyTelemetry(configuration).ExportToAzureMonitorWhenConfigured(configuration);
            configureServices?.Invoke(builder.Services);
            if (options.RunWorker)
            {
                builder.Services.AddModelAlloyWorker(sidecar, registerTasks);
            }
            else
            {
                builder.Services.AddModelAlloyClient(sidecar);
            }

            IHost host = builder.Build();
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            if (options.RunWorker)
            {
                using var connect = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                connect.CancelAfter(TimeSpan.FromSeconds(30));
                await sidecar.WaitForWorkerAsync(connect.Token).ConfigureAwait(false);
            }

            return new SelfHostedDurableHost(sidecar, host);
        }
        catch
        {
            await sidecar.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops the worker, then the sidecar.</summary>
    /// <returns>A task.</returns>
    public async ValueTask DisposeAsync()
    {
        try
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _host.StopAsync(stop.Token).ConfigureAwait(false);
        }
        finally
        {
            _host.Dispose();
            await Sidecar.DisposeAsync().ConfigureAwait(false);
        }
    }
}
