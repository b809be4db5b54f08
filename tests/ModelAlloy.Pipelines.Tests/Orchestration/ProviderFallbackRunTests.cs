using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using ModelAlloy.Hosting.SelfHosted;
using ModelAlloy.Models;
using ModelAlloy.Models.Durable;
using ModelAlloy.Pipelines.Orchestration;
using ModelAlloy.Pipelines.Tests.Fakes;

namespace ModelAlloy.Pipelines.Tests.Orchestration;

/// <summary>
/// The shipped provider-fallback example with only the catalog changed: its 'resilient' role on two loopback
/// OpenAI-compatible "providers" driven by the real SDK clients. Provider A is down (every call a 500), so the chain
/// moves to provider B; with B down too, the more capable model is tried and then a person answers.
/// </summary>
public sealed class ProviderFallbackRunTests : IAsyncLifetime
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "pipelines");
    private ModelServer _providerA = null!;
    private ModelServer _providerB = null!;
    private string _catalog = null!;
    private LocalAlloyHost _host = null!;

    public async Task InitializeAsync()
    {
        _providerA = await ModelServer.StartAsync();
        _providerB = await ModelServer.StartAsync();
        _catalog = Path.Combine(Directory.CreateTempSubdirectory("alloy-fallback-").FullName, "catalog.json");
        await File.WriteAllTextAsync(_catalog, WithModels(Catalog()).ToJsonString());
        _host = await LocalAlloyHost.StartAsync(new LocalAlloyOptions { PipelinesFolder = Folder, CatalogFile = _catalog }, cancellationToken: TestTimeout.Token());
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _providerA.DisposeAsync();
        await _providerB.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(_catalog)!, recursive: true);
    }

    [Fact]
    public async Task Primary_provider_failing_with_500s_moves_the_call_to_the_other_provider()
    {
        // Provider A has no script: every call gets a 500. Provider B answers.
        _providerB.Always("b-mini", _ => "Your order ships on Friday.");

        PipelineRunResult result = await SucceedAsync("fallback-other-provider", "When does my order ship?");

        Assert.Equal("Your order ships on Friday.", result.Output);
        Assert.Equal(["b-mini"], result.Stages[0].Models);
        Assert.Equal(2, _providerA.CallsTo("a-mini"));
        Assert.Equal(0, _providerB.CallsTo("b-large"));
        Assert.False(result.Simulated);
        Assert.Equal(
            ["a-mini ServerError", "a-mini ServerError", "b-mini Succeeded"],
            Ledger("fallback-other-provider").Select(r => $"{r.ModelId} {r.Outcome}"));
        Assert.All(Ledger("fallback-other-provider"), r => Assert.Equal(("provider-fallback", "answer", "assist"), (r.Pipeline, r.Stage, r.TaskType)));
    }

    [Fact]
    public async Task Other_provider_failing_too_moves_to_the_more_capable_model()
    {
        _providerB.Always("b-large", _ => "Refunds take 5 to 7 working days.");

        PipelineRunResult result = await SucceedAsync("fallback-capable", "How long does a refund take?");

        Assert.Equal("Refunds take 5 to 7 working days.", result.Output);
        Assert.Equal(["b-large"], result.Stages[0].Models);
        Assert.Equal((2, 2, 1), (_providerA.CallsTo("a-mini"), _providerB.CallsTo("b-mini"), _providerB.CallsTo("b-large")));
    }

    [Fact]
    public async Task Every_model_failing_asks_a_person_and_their_answer_is_the_output()
    {
        const string id = "fallback-human";
        await _host.StartPipelineAsync("provider-fallback", "Can I change the delivery address?", id, TestTimeout.Token());
        HumanEscalationStatus asked = await WaitForEscalationAsync(id);

        Assert.Equal("resilient", asked.Role);
        Assert.Equal(6, asked.Attempts.Count);
        await _host.Client.RaiseEventAsync(id, asked.EventName, new HumanAnswer { Text = "Yes, until the parcel is dispatched." }, TestTimeout.Token());
        OrchestrationMetadata run = await _host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, TestTimeout.Token());

        Assert.True(run.RuntimeStatus == OrchestrationRuntimeStatus.Completed, run.FailureDetails?.ErrorMessage);
        PipelineRunResult result = run.ReadOutputAs<PipelineRunResult>()!;
        Assert.Equal("Yes, until the parcel is dispatched.", result.Output);
        Assert.Equal([HumanEscalation.ModelId], result.Stages[0].Models);
        Assert.False(result.Simulated);
    }

    private static JsonObject Catalog() => new()
    {
        ["ModelGateway"] = new JsonObject
        {
            ["Models"] = new JsonObject(),
            ["Roles"] = new JsonObject
            {
                ["resilient"] = new JsonObject
                {
                    ["Chain"] = new JsonArray("a-mini", "b-mini", "b-large"),
                    ["EscalateToHuman"] = true,
                    ["EscalationTimeout"] = "00:10:00",
                },
            },
            ["Retry"] = new JsonObject { ["MaxAttemptsPerModel"] = 2, ["FirstInterval"] = "00:00:00.050", ["MaxInterval"] = "00:00:00.200" },
        },
    };

    private JsonObject WithModels(JsonObject catalog)
    {
        JsonObject models = catalog["ModelGateway"]!["Models"]!.AsObject();
        models["a-mini"] = Model(_providerA, "Economy", 0.15, 0.6);
        models["b-mini"] = Model(_providerB, "Economy", 0.8, 4);
        models["b-large"] = Model(_providerB, "Premium", 3, 15);
        return catalog;
    }

    private static JsonObject Model(ModelServer provider, string tier, double inputPerMillion, double outputPerMillion) => new()
    {
        ["Provider"] = "OpenAICompatible",
        ["Endpoint"] = provider.BaseUri.ToString(),
        ["Credential"] = "None",
        ["Prices"] = new JsonObject { ["InputPerMillion"] = inputPerMillion, ["OutputPerMillion"] = outputPerMillion },
        ["ContextWindow"] = 16000,
        ["MaxOutputTokens"] = 1024,
        ["Tier"] = tier,
    };

    private async Task<PipelineRunResult> SucceedAsync(string id, string input)
    {
        await _host.StartPipelineAsync("provider-fallback", input, id, TestTimeout.Token());
        OrchestrationMetadata run = await _host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, TestTimeout.Token());
        Assert.True(run.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{id}: {run.RuntimeStatus} {run.FailureDetails?.ErrorMessage}");
        return run.ReadOutputAs<PipelineRunResult>()!;
    }

    private List<CostRecord> Ledger(string runId) =>
        ((InMemoryCostLedger)_host.Services.GetRequiredService<ICostLedger>()).Records.Where(r => r.RunId == runId).ToList();

    private async Task<HumanEscalationStatus> WaitForEscalationAsync(string id)
    {
        CancellationToken deadline = TestTimeout.Token();
        while (true)
        {
            OrchestrationMetadata run = (await _host.Client.GetInstanceAsync(id, getInputsAndOutputs: true, deadline))!;
            Assert.False(run.IsCompleted, $"{id} finished before asking a person: {run.RuntimeStatus} {run.FailureDetails?.ErrorMessage}");
            if (run.SerializedCustomStatus is { } status && status.Contains(HumanEscalation.StatusKind, StringComparison.Ordinal))
            {
                return run.ReadCustomStatusAs<HumanEscalationStatus>()!;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), deadline);
        }
    }
}
