using Microsoft.DurableTask.Client;
using ModelAlloy.Pipelines.Orchestration;
using ModelAlloy.Pipelines.Tests.Fakes;

namespace ModelAlloy.Pipelines.Tests.Stages;

/// <summary>Extract → reason end to end: the handoff is validated, the reasoner sees only the data, violations fail with their JSON path or fall back.</summary>
public sealed class ExtractReasonStageTests : IAsyncLifetime
{
    private const string Schema = """{ "type": "object", "required": ["amount", "currency"], "properties": { "amount": { "type": "integer" }, "currency": { "type": "string" } } }""";

    private PipelineHost _host = null!;

    public async Task InitializeAsync() => _host = (await PipelineHost.StartAsync())
        .Define("strict.json", Definition("strict", "\"onViolation\": \"fail\""))
        .Define("lenient.json", Definition("lenient", "\"onViolation\": \"fallback\", \"fallback\": { \"role\": \"capable\" }"));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Reasoner_receives_only_the_validated_data()
    {
        _host.Server.Script("extractor", """{"amount":120,"currency":"EUR"}""");
        _host.Server.Script("reasoner", "Approve the refund.");

        PipelineRunResult result = await _host.SucceedAsync("strict", "Customer Jane Roe asks for 120 EUR back.", "extract-valid");

        Assert.Equal("Approve the refund.", result.Output);
        Assert.Equal((0, "handoff valid"), (result.Stages[0].Escalations, result.Stages[0].Reason));
        string reasonerPrompt = _host.Server.Requests.Single(r => r.Model == "reasoner").Prompt;
        Assert.Equal("""Decide on: {"amount":120,"currency":"EUR"}""", reasonerPrompt);
        Assert.DoesNotContain("Jane", reasonerPrompt);
    }

    [Fact]
    public async Task Schema_violation_at_the_handoff_fails_with_the_json_path()
    {
        _host.Server.Script("extractor", """{"amount":"120","currency":"EUR"}""");

        OrchestrationMetadata run = await _host.RunAsync("strict", "Refund 120 EUR", "extract-violation");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, run.RuntimeStatus);
        Assert.Contains("stage 'extract' of pipeline 'strict': the extractor's answer violates the handoff schema at $.amount (IntegerExpected)", run.FailureDetails!.ErrorMessage);
        Assert.Equal(0, _host.Server.CallsTo("reasoner"));
    }

    [Fact]
    public async Task Violation_falls_back_to_the_fallback_extractor_when_the_policy_says_so()
    {
        _host.Server.Script("extractor", """{"currency":"EUR"}""");
        _host.Server.Script("capable", """{"amount":120,"currency":"EUR"}""");
        _host.Server.Script("reasoner", "Approve.");

        PipelineRunResult result = await _host.SucceedAsync("lenient", "Refund 120 EUR", "extract-fallback");

        Assert.Equal(("Approve.", 1), (result.Output, result.Stages[0].Escalations));
        Assert.Equal("extractor violated the handoff schema at $.amount (PropertyRequired); the fallback's handoff is valid", result.Stages[0].Reason);
        Assert.Equal(["extractor", "capable", "reasoner"], _host.Server.Requests.Select(r => r.Model));
    }

    private static string Definition(string name, string policy) => $$$"""
        {
          "name": "{{{name}}}",
          "stages": [
            { "id": "extract", "kind": "extract-reason", {{{policy}}},
              "extractor": { "role": "extractor", "jsonSchema": {{{Schema}}} },
              "reasoner": { "role": "reasoner", "prompt": "Decide on: {{data}}" } }
          ]
        }
        """;
}
