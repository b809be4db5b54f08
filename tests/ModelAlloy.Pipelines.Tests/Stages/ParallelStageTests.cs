using ModelAlloy.Pipelines.Orchestration;
using ModelAlloy.Pipelines.Tests.Fakes;

namespace ModelAlloy.Pipelines.Tests.Stages;

/// <summary>Parallel specialists end to end: fan-out, merge by template or by a synthesizer.</summary>
public sealed class ParallelStageTests : IAsyncLifetime
{
    private PipelineHost _host = null!;

    public async Task InitializeAsync() => _host = (await PipelineHost.StartAsync())
        .Define("templated.json", """
            { "name": "templated", "stages": [ { "id": "specialists", "kind": "parallel",
              "specialists": { "billing": { "role": "a" }, "technical": { "role": "b" } },
              "mergeTemplate": "Billing: {{billing}} | Technical: {{technical}}" } ] }
            """)
        .Define("synthesized.json", """
            { "name": "synthesized", "stages": [ { "id": "specialists", "kind": "parallel",
              "specialists": { "billing": { "role": "a" }, "technical": { "role": "b" } },
              "synthesizer": { "role": "capable", "prompt": "Merge for {{input}}:\n{{answers}}" } } ] }
            """);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Specialists_answer_the_same_input_and_the_template_merges_them()
    {
        _host.Server.Script("a", "refund due").Script("b", "cache bug");

        PipelineRunResult result = await _host.SucceedAsync("templated", "Charged twice after the app crashed", "parallel-template");

        Assert.Equal("Billing: refund due | Technical: cache bug", result.Output);
        Assert.All(_host.Server.Requests, r => Assert.Equal("Charged twice after the app crashed", r.Prompt));
        Assert.Equal(["a", "b"], result.Stages[0].Models.Order());
    }

    [Fact]
    public async Task Synthesizer_receives_every_specialist_answer()
    {
        _host.Server.Script("a", "refund due").Script("b", "cache bug").Script("capable", "One reply.");

        PipelineRunResult result = await _host.SucceedAsync("synthesized", "ticket 7", "parallel-synth");

        Assert.Equal("One reply.", result.Output);
        Assert.Equal("Merge for ticket 7:\nbilling:\nrefund due\n\ntechnical:\ncache bug", _host.Server.Requests.Single(r => r.Model == "capable").Prompt);
        Assert.Equal(["specialist", "specialist", "synthesize"], _host.Ledger.Records.Select(r => r.TaskType).Order());
    }
}
