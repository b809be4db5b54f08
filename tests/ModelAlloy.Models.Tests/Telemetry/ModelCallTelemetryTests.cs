using System.Diagnostics;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using ModelAlloy.Models.Durable;
using ModelAlloy.Models.Tests.Fakes;

namespace ModelAlloy.Models.Tests.Telemetry;

/// <summary>
/// A durable run on the self-hosted worker (SDK worker over the in-process sidecar), the real OpenAI client against the
/// loopback server, and the host's own OpenTelemetry registration with in-memory exporters: one span per attempt (one
/// per ledger row), all in one trace, GenAI and cost attributes equal to the ledger's, metrics summing to the ledger.
/// </summary>
public sealed class ModelCallTelemetryTests : IAsyncLifetime
{
    private const string Secret = "sk-proj-PROMPTSECRET0123456789abcdef";
    private FakeModelServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeModelServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_run_is_one_trace_with_a_span_per_ledger_row_carrying_its_cost_and_instance_id()
    {
        var telemetry = new TelemetryCapture();
        await using DurableGatewayHost host = await StartAsync(telemetry, recordContent: null);
        _server.Enqueue(OpenAIWire.ContentFiltered(), OpenAIWire.Completion("one", promptTokens: 40, completionTokens: 7), OpenAIWire.Completion("two", promptTokens: 30, completionTokens: 3));
        string pipeline = "telemetry-" + Guid.NewGuid().ToString("N");

        OrchestrationMetadata run = await host.RunAsync(TestOrchestrations.TwoCalls, Request(pipeline), "run-trace");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, run.RuntimeStatus);
        IReadOnlyList<CostRecord> rows = host.Ledger.Records.Where(r => r.RunId == "run-trace").ToList();
        IReadOnlyList<Activity> spans = telemetry.ModelCallSpans("run-trace");
        Assert.Equal(3, rows.Count);
        Assert.Equal(rows.Select(r => r.CallId).Order(), spans.Select(s => (string)s.GetTagItem("modelalloy.call_id")!).Order());
        Assert.Single(spans.Select(s => s.TraceId).Distinct());

        // The Durable Task SDK propagates the trace through the sidecar: the run's orchestration span and each model-call
        // activity's span (the opening one runs the first attempt) are in the same trace, and each model-call span is the child of its activity's span.
        IReadOnlyList<Activity> engine = telemetry.AllSpans().Where(s => s.Source.Name == ModelAlloyTelemetry.DurableTaskSourceName && s.TraceId == spans[0].TraceId).ToList();
        Activity orchestration = Assert.Single(engine, s => s.DisplayName == "orchestration:" + TestOrchestrations.TwoCalls);
        Assert.Equal("run-trace", orchestration.GetTagItem("durabletask.task.instance_id"));
        HashSet<ActivitySpanId> attemptActivities = engine.Where(s => ModelCallActivityNames.All.Any(name => s.DisplayName == "activity:" + name)).Select(s => s.SpanId).ToHashSet();
        Assert.All(spans, s => Assert.Contains(s.ParentSpanId, attemptActivities));
        foreach (CostRecord row in rows)
        {
            Activity span = spans.Single(s => (string?)s.GetTagItem("modelalloy.call_id") == row.CallId);
            Assert.Equal(ActivityKind.Client, span.Kind);
            Assert.Equal("chat", span.GetTagItem("gen_ai.operation.name"));
            Assert.Equal("openai", span.GetTagItem("gen_ai.provider.name"));
            Assert.Equal(row.Deployment, span.GetTagItem("gen_ai.request.model"));
            Assert.Equal(row.InputTokens, span.GetTagItem("gen_ai.usage.input_tokens"));
            Assert.Equal(row.OutputTokens, span.GetTagItem("gen_ai.usage.output_tokens"));
            Assert.Equal((double)row.CostUsd, span.GetTagItem("modelalloy.cost_usd"));
            Assert.Equal(row.CacheHit, span.GetTagItem("modelalloy.cache_hit"));
            Assert.Equal(row.Outcome, span.GetTagItem("modelalloy.outcome"));
            Assert.Equal((pipeline, row.Stage, "classify"), (span.GetTagItem("modelalloy.pipeline"), span.GetTagItem("modelalloy.stage"), span.GetTagItem("modelalloy.task_type")));
            Assert.Null(span.GetTagItem("gen_ai.input.messages"));
            Assert.Null(span.GetTagItem("gen_ai.output.messages"));
        }

        Activity failed = spans.Single(s => (string?)s.GetTagItem("modelalloy.outcome") == "ContentFiltered");
        Assert.Equal("ContentFiltered", failed.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Error, failed.Status);
        Assert.All(spans.Where(s => s != failed), s => Assert.Null(s.GetTagItem("error.type")));
        Assert.Contains(rows, r => r.CostUsd > 0);
    }

    [Fact]
    public async Task Cost_and_token_metrics_sum_to_the_ledger_by_model_and_task_type()
    {
        var telemetry = new TelemetryCapture();
        await using DurableGatewayHost host = await StartAsync(telemetry, recordContent: null);
        _server.Enqueue(OpenAIWire.ContentFiltered(), OpenAIWire.Completion("one", promptTokens: 40, completionTokens: 7), OpenAIWire.Completion("two", promptTokens: 30, completionTokens: 3));
        string pipeline = "telemetry-" + Guid.NewGuid().ToString("N");

        await host.RunAsync(TestOrchestrations.TwoCalls, Request(pipeline), "run-metrics");

        IReadOnlyList<CostRecord> rows = host.Ledger.Records.Where(r => r.RunId == "run-metrics").ToList();
        foreach (string model in new[] { "primary", "backup" })
        {
            (string, string)[] tags = [("modelalloy.pipeline", pipeline), ("modelalloy.model_id", model), ("modelalloy.task_type", "classify")];
            List<CostRecord> mine = rows.Where(r => r.ModelId == model).ToList();
            Assert.Equal((double)mine.Sum(r => r.CostUsd), telemetry.Sum(ModelAlloyTelemetry.CostMetricName, tags), 9);
            Assert.Equal(mine.Sum(r => r.InputTokens), telemetry.Sum(ModelAlloyTelemetry.TokensMetricName, [.. tags, ("gen_ai.token.type", "input")]));
            Assert.Equal(mine.Sum(r => r.OutputTokens), telemetry.Sum(ModelAlloyTelemetry.TokensMetricName, [.. tags, ("gen_ai.token.type", "output")]));
            Assert.Equal(mine.Count, telemetry.Sum(ModelAlloyTelemetry.DurationMetricName, tags));
        }

        Assert.Equal(70, rows.Where(r => r.Succeeded).Sum(r => r.InputTokens)); // what the server reported: 40 + 30
        Assert.True(rows.Sum(r => r.CostUsd) > 0);
    }

    [Fact]
    public async Task Prompts_and_completions_are_recorded_only_with_the_setting_and_redacted()
    {
        var telemetry = new TelemetryCapture();
        await using DurableGatewayHost host = await StartAsync(telemetry, recordContent: "true");
        _server.Enqueue(OpenAIWire.Completion("the answer"), OpenAIWire.Completion("the answer"));

        await host.RunAsync(TestOrchestrations.TwoCalls, Request("content"), "run-content");
        Activity span = telemetry.ModelCallSpans("run-content").First();

        string input = Assert.IsType<string>(span.GetTagItem("gen_ai.input.messages"));
        Assert.Contains("classify this ticket", input, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, input, StringComparison.Ordinal);
        Assert.Contains("the answer", Assert.IsType<string>(span.GetTagItem("gen_ai.output.messages")), StringComparison.Ordinal);
    }

    private async Task<DurableGatewayHost> StartAsync(TelemetryCapture telemetry, string? recordContent)
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(recordContent is null ? [] : [new(ModelTelemetryOptions.RecordContentSettingName, recordContent)])
            .Build();
        DurableGatewayHost host = await DurableGatewayHost.StartAsync(
            TestCatalog.PrimaryAndBackup(_server.BaseUri), r => r.AddTwoCalls(), telemetry.AddTo, configuration: configuration);
        telemetry.Attach(host.Services);
        return host;
    }

    private static ModelCallRequest Request(string pipeline) => new()
    {
        Role = "chat",
        Pipeline = pipeline,
        Stage = "first",
        TaskType = "classify",
        Messages = [new ModelMessage("user", $"classify this ticket (key {Secret})")],
    };
}
