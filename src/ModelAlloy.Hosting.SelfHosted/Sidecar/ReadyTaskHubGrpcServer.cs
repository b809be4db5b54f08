using DurableTask.Core;
using Grpc.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using P = Microsoft.DurableTask.Protobuf;

namespace ModelAlloy.Hosting.SelfHosted.Sidecar;

/// <summary>
/// The sidecar's gRPC service, telling when a worker has opened its work-item stream: the sidecar dispatches nothing
/// before that, so a host is only ready once it happened (otherwise the first run waits for the worker to connect).
/// </summary>
internal sealed class ReadyTaskHubGrpcServer(
    IHostApplicationLifetime lifetime,
    ILoggerFactory loggerFactory,
    IOrchestrationService service,
    IOrchestrationServiceClient client,
    IOptions<TaskHubGrpcServerOptions> options,
    WorkerConnection connection)
    : TaskHubGrpcServer(lifetime, loggerFactory, service, client, options)
{
    public override Task GetWorkItems(P.GetWorkItemsRequest request, IServerStreamWriter<P.WorkItem> responseStream, ServerCallContext context)
    {
        Task stream = base.GetWorkItems(request, responseStream, context);
        connection.Connected();
        return stream;
    }
}

/// <summary>Completes when a worker first opens its work-item stream.</summary>
internal sealed class WorkerConnection
{
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task WhenConnected => _connected.Task;

    public void Connected() => _connected.TrySetResult();
}
