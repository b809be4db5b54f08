using System.Diagnostics;
using ModelAlloy.Models.Tests.Fakes;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace ModelAlloy.Models.Tests.Telemetry;

/// <summary>
/// Without an engine span to parent to (an in-process gateway call, an engine that drops trace context), the attempts
/// of one run still share a trace: the one derived from the run's instance id.
/// </summary>
public sealed class RunTraceTests : IAsyncLifetime
{
    private FakeModelServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeModelServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Attempts_without_an_ambient_span_share_the_trace_derived_from_the_instance_id()
    {
        var exported = new List<Activity>();
        using TracerProvider tracing = Sdk.CreateTracerProviderBuilder().AddSource(ModelAlloyTelemetry.SourceName).AddInMemoryExporter(exported).Build();
        using var harness = GatewayHarness.Create(TestCatalog.PrimaryAndBackup(_server.BaseUri));
        _server.Enqueue(OpenAIWire.RateLimited(1), OpenAIWire.Completion("ok"), OpenAIWire.Completion("again"));
        string instanceId = "run-derived-" + Guid.NewGuid().ToString("N");
        RecordingRuntime runtime = harness.Runtime(instanceId);
        Assert.Null(Activity.Current);

        await harness.CallAsync(Request(), runtime);
        await harness.CallAsync(Request(), runtime);

        List<Activity> spans = exported.Where(s => (string?)s.GetTagItem("modelalloy.instance_id") == instanceId).ToList();
        Assert.Equal(3, spans.Count);
        Assert.All(spans, s => Assert.Equal(RunTrace.ContextOf(instanceId).TraceId, s.TraceId));
        Assert.All(spans, s => Assert.Equal(RunTrace.ContextOf(instanceId).SpanId, s.ParentSpanId));
        Assert.Equal("RateLimited", spans.Single(s => (string?)s.GetTagItem("modelalloy.outcome") != "Succeeded").GetTagItem("error.type"));
        Assert.NotEqual(RunTrace.ContextOf(instanceId).TraceId, RunTrace.ContextOf(instanceId + "x").TraceId);
    }

    private static ModelCallRequest Request() => new()
    {
        Role = "chat",
        TaskType = "classify",
        Messages = [new ModelMessage("user", "hello")],
    };
}
