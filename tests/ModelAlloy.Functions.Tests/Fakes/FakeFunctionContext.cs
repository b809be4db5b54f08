using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace ModelAlloy.Functions.Tests.Fakes;

/// <summary>
/// The invocation context a function is handed, with the worker's own services (its <c>WorkerOptions</c> and
/// serializer, which <c>CreateCheckStatusResponseAsync</c> writes the management payload with). Members the starters
/// never touch throw, so a change that starts using them shows up here.
/// </summary>
public sealed class FakeFunctionContext(CancellationToken cancellationToken) : FunctionContext
{
    private static readonly IServiceProvider WorkerServices = new ServiceCollection().AddFunctionsWorkerCore().Services.BuildServiceProvider();

    public override string InvocationId { get; } = Guid.NewGuid().ToString("N");

    public override string FunctionId => "test";

    public override TraceContext TraceContext => throw new NotSupportedException();

    public override BindingContext BindingContext => throw new NotSupportedException();

    public override RetryContext RetryContext => throw new NotSupportedException();

    public override IServiceProvider InstanceServices { get; set; } = WorkerServices;

    public override FunctionDefinition FunctionDefinition => throw new NotSupportedException();

    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

    public override IInvocationFeatures Features => throw new NotSupportedException();

    public override CancellationToken CancellationToken => cancellationToken;
}
