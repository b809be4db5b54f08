using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelAlloy.Hosting.SelfHosted.Backends;

namespace ModelAlloy.Hosting.SelfHosted.Sidecar;

/// <summary>
/// The in-process gRPC sidecar: DTFx's orchestration service behind <see cref="TaskHubGrpcServer"/>, served by Kestrel
/// on a free loopback port, so the Durable Task SDK worker and client talk to it exactly as they would to a remote
/// sidecar. One per process; processes share an Azure Storage task hub.
/// </summary>
public sealed class DurableSidecar : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SidecarOrchestrationService _service;

    private readonly WorkerConnection _worker;

    private DurableSidecar(WebApplication app, SidecarOrchestrationService service, Uri address, WorkerConnection worker)
    {
        _worker = worker;
        _app = app;
        _service = service;
        Address = address;
        Channel = GrpcChannel.ForAddress(address);
    }

    /// <summary>Gets the sidecar's address (http://127.0.0.1:port).</summary>
    public Uri Address { get; }

    /// <summary>Gets the channel the worker and the client use.</summary>
    public GrpcChannel Channel { get; }

    /// <summary>Gets the DTFx client underneath, for reading history (diagnostics, tests).</summary>
    public IOrchestrationServiceClient OrchestrationClient => _service;

    internal SidecarOrchestrationService Service => _service;

    /// <summary>Waits until a worker has connected to receive work (the sidecar dispatches nothing before).</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes once a worker is connected.</returns>
    public Task WaitForWorkerAsync(CancellationToken cancellationToken = default) => _worker.WhenConnected.WaitAsync(cancellationToken);

    /// <summary>Returns the history this process committed for an instance, in commit order (see <see cref="SelfHostedOptions.RecordHistory"/>).</summary>
    /// <param name="instanceId">The instance.</param>
    /// <returns>The DTFx history events; empty when history is not recorded.</returns>
    public IReadOnlyList<DurableTask.Core.History.HistoryEvent> GetRecordedHistory(string instanceId) => _service.GetRecordedHistory(instanceId);

    /// <summary>Starts a sidecar over the backend the options name.</summary>
    /// <param name="options">The options.</param>
    /// <param name="loggerFactory">Logs of the sidecar and DTFx.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running sidecar.</returns>
    public static async Task<DurableSidecar> StartAsync(SelfHostedOptions options, ILoggerFactory loggerFactory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        SidecarOrchestrationService service = await OrchestrationServiceFactory.CreateAsync(options, loggerFactory).ConfigureAwait(false);
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(o => o.MaxReceiveMessageSize = null);
        builder.Services.AddSingleton<IOrchestrationService>(service);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(service);
        builder.Services.AddSingleton<WorkerConnection>();
        builder.Services.AddSingleton<ReadyTaskHubGrpcServer>();
        builder.Services.Configure<TaskHubGrpcServerOptions>(o => o.Mode = options.RunWorker ? TaskHubGrpcServerMode.ApiServerAndDispatcher : TaskHubGrpcServerMode.ApiServerOnly);
        WebApplication app = builder.Build();
        app.MapGrpcService<ReadyTaskHubGrpcServer>();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        string bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DurableSidecar(app, service, new Uri(bound), app.Services.GetRequiredService<WorkerConnection>());
    }

    /// <summary>Stops the sidecar (the worker should be stopped first).</summary>
    /// <returns>A task.</returns>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        Channel.Dispose();
        if (_service.Inner is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }
}
