using Microsoft.Extensions.Configuration;
using ModelAlloy.Hosting.SelfHosted;
using ModelAlloy.Pipelines.Orchestration;
using ModelAlloy.Pipelines.Tests.Fakes;

namespace ModelAlloy.Pipelines.Tests.Orchestration;

/// <summary>The support-triage example on simulated models, wired as a host wires it: AddModelAlloy, the catalog file, the pipelines folder setting.</summary>
public sealed class SupportTriageExampleTests : IAsyncLifetime
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "pipelines");
    private SelfHostedDurableHost _host = null!;

    public async Task InitializeAsync()
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Folder, "catalogs", "simulated.json"))
            .AddInMemoryCollection(new Dictionary<string, string?> { [PipelineServiceCollectionExtensions.FolderSettingName] = Folder })
            .Build();
        _host = await SelfHostedDurableHost.StartAsync(new SelfHostedOptions(), configuration, cancellationToken: TestTimeout.Token());
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("I forgot my password and the reset link expired", "account", "faq", "rule 2: keyword 'password'")]
    [InlineData("I was charged twice, please refund me", "billing", "billing", "rule 3: regex /\\b(invoice|refund|charged|chargeback)\\b/ matched")]
    [InlineData("The app shows an error on startup", "technical", "technical", "rule 4: keyword 'error'")]
    [InlineData("""{"customer":{"tier":"enterprise"},"text":"SSO broke"}""", "expert", "expert", "rule 1: field customer.tier = 'enterprise'")]
    public async Task Ticket_is_routed_by_the_rules_and_answered_by_simulated_models(string ticket, string route, string stage, string reason)
    {
        string id = "triage-" + route;
        await _host.Client.ScheduleNewOrchestrationInstanceAsync(
            PipelineOrchestrator.Name, new PipelineRunInput { Pipeline = "support-triage", Input = ticket }, new Microsoft.DurableTask.StartOrchestrationOptions { InstanceId = id });
        var run = await _host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, TestTimeout.Token());

        Assert.True(run.RuntimeStatus == Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Completed, run.FailureDetails?.ErrorMessage);
        PipelineRunResult result = run.ReadOutputAs<PipelineRunResult>()!;
        Assert.Equal((route, reason), (result.Stages[0].Route, result.Stages[0].Reason));
        Assert.Equal(stage, result.Stages[1].StageId);
        Assert.True(result.Simulated);
        Assert.StartsWith("[simulated:", result.Output, StringComparison.Ordinal);
        Assert.True(result.CostUsd > 0);
    }

    [Fact]
    public async Task Ticket_no_rule_matches_goes_to_the_simulated_classifier()
    {
        await _host.Client.ScheduleNewOrchestrationInstanceAsync(
            PipelineOrchestrator.Name, new PipelineRunInput { Pipeline = "support-triage", Input = "Can you tell me more about your plans?" }, new Microsoft.DurableTask.StartOrchestrationOptions { InstanceId = "triage-classifier" });
        var run = await _host.Client.WaitForInstanceCompletionAsync("triage-classifier", getInputsAndOutputs: true, TestTimeout.Token());

        PipelineRunResult result = run.ReadOutputAs<PipelineRunResult>()!;
        Assert.Matches("^(classifier: |complexity )", result.Stages[0].Reason);
        Assert.NotNull(result.Stages[0].Complexity);
        Assert.Equal(["sim-mini"], result.Stages[0].Models);
    }
}
