using ModelAlloy.Models;
using ModelAlloy.Pipelines.Orchestration;
using ModelAlloy.Pipelines.Tests.Fakes;

namespace ModelAlloy.Pipelines.Tests.Stages;

/// <summary>The router end to end on the self-hosted worker: rules, the classifier with complexity thresholds, the default route.</summary>
public sealed class RouterStageTests : IAsyncLifetime
{
    private const string Triage = """
        {
          "name": "triage",
          "stages": [
            { "id": "route", "kind": "router",
              "routes": { "password": "faq", "billing": "billing", "general": "general", "expert": "expert" },
              "defaultRoute": "general",
              "rules": [
                { "route": "password", "keywords": ["password", "reset link"] },
                { "route": "billing", "regex": "invoice\\s*#?\\d+" },
                { "route": "expert", "fields": { "customer.tier": "enterprise" } }
              ],
              "classifier": { "step": { "role": "cheap" }, "thresholds": [ { "minComplexity": 4, "route": "expert" } ] } },
            { "id": "faq", "kind": "chain", "steps": [ { "role": "cheap", "prompt": "FAQ answer for: {{input}}" } ] },
            { "id": "billing", "kind": "chain", "steps": [ { "role": "cheap", "prompt": "Billing answer for: {{input}}" } ] },
            { "id": "general", "kind": "chain", "steps": [ { "role": "cheap" } ] },
            { "id": "expert", "kind": "chain", "steps": [ { "role": "capable" } ] }
          ]
        }
        """;

    private PipelineHost _host = null!;

    public async Task InitializeAsync() => _host = (await PipelineHost.StartAsync()).Define("triage.json", Triage);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Keyword_rule_routes_without_a_model_call_and_records_the_rule()
    {
        _host.Server.Script("cheap", "Use the reset link on the sign-in page.");

        PipelineRunResult result = await _host.SucceedAsync("triage", "I forgot my password", "router-keyword");

        StageRecord route = result.Stages[0];
        Assert.Equal(("password", "rule 1: keyword 'password'"), (route.Route, route.Reason));
        Assert.Empty(route.Models);
        Assert.Equal(["route", "faq"], result.Stages.Select(s => s.StageId));
        Assert.Equal("Use the reset link on the sign-in page.", result.Output);
        Assert.Equal("FAQ answer for: I forgot my password", Assert.Single(_host.Server.Requests).Prompt);
    }

    [Fact]
    public async Task Regex_rule_routes_to_billing()
    {
        _host.Server.Script("cheap", "Refund issued.");

        PipelineRunResult result = await _host.SucceedAsync("triage", "Charged twice on invoice #4411", "router-regex");

        Assert.Equal(("billing", "rule 2: regex /invoice\\s*#?\\d+/ matched"), (result.Stages[0].Route, result.Stages[0].Reason));
        Assert.Equal("billing", result.Stages[1].StageId);
    }

    [Fact]
    public async Task Field_rule_reads_a_json_input()
    {
        _host.Server.Script("capable", "Escalated to your account team.");

        PipelineRunResult result = await _host.SucceedAsync("triage", """{"customer":{"tier":"Enterprise"},"text":"SSO is down"}""", "router-field");

        Assert.Equal(("expert", "rule 3: field customer.tier = 'enterprise'"), (result.Stages[0].Route, result.Stages[0].Reason));
        Assert.Equal(["capable"], result.Stages[1].Models);
    }

    [Fact]
    public async Task Classifier_decides_when_no_rule_matches_and_its_calls_carry_pipeline_stage_and_task_type()
    {
        _host.Server.Script("cheap", """{"route":"billing","complexity":2,"reason":"asks about a charge"}""", "Here is your receipt.");

        PipelineRunResult result = await _host.SucceedAsync("triage", "Why was I charged this month?", "router-classifier");

        StageRecord route = result.Stages[0];
        Assert.Equal(("billing", 2), (route.Route, route.Complexity));
        Assert.Equal("classifier: billing (complexity 2): asks about a charge", route.Reason);
        Assert.Equal(["cheap"], route.Models);
        Assert.True(route.CostUsd > 0);
        Assert.Equal(
            [("triage", "route", "classify"), ("triage", "billing", "chain")],
            _host.Ledger.Records.Select(r => (r.Pipeline, r.Stage!, r.TaskType)));
        Assert.Equal(_host.Ledger.Records.Sum(r => r.CostUsd), result.CostUsd);
    }

    [Fact]
    public async Task Complexity_at_the_threshold_overrides_the_classifier_route()
    {
        _host.Server.Script("cheap", """{"route":"general","complexity":4,"reason":"multi-region data migration"}""");
        _host.Server.Script("capable", "Migration plan.");

        PipelineRunResult result = await _host.SucceedAsync("triage", "Plan our data migration across regions", "router-threshold");

        Assert.Equal(("expert", 4), (result.Stages[0].Route, result.Stages[0].Complexity));
        Assert.StartsWith("complexity 4 >= 4: expert; classifier: general", result.Stages[0].Reason);
        Assert.Equal("Migration plan.", result.Output);
    }

    [Fact]
    public async Task Classifier_failure_takes_the_default_route_and_says_why()
    {
        _host.Server.Script("cheap", "not json at all");
        _host.Server.Always("cheap", _ => "General answer.");

        PipelineRunResult result = await _host.SucceedAsync("triage", "Hello there", "router-default");

        Assert.Equal("general", result.Stages[0].Route);
        Assert.Equal($"classifier failed ({ModelErrorCodes.AllAttemptsFailed}): default route", result.Stages[0].Reason);
        Assert.Equal("General answer.", result.Output);
    }
}
