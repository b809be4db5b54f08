using Microsoft.DurableTask;
using ModelAlloy.Models.Durable;

namespace ModelAlloy.Models.Tests.Fakes;

/// <summary>Orchestrators shared by the durable model-call tests.</summary>
public static class TestOrchestrations
{
    public const string TwoCalls = "two-calls";

    /// <summary>Registers <see cref="TwoCalls"/>: two model calls in one run (sequences 1 and 2), answers joined with '+'.</summary>
    public static DurableTaskRegistry AddTwoCalls(this DurableTaskRegistry registry) =>
        registry.AddOrchestratorFunc<ModelCallRequest, string>(TwoCalls, async (context, request) =>
        {
            ModelCallResult first = await context.CallModelAsync(request);
            ModelCallResult second = await context.CallModelAsync(request with { Stage = "second" });
            return first.Text + "+" + second.Text;
        });

    /// <summary>Registers an orchestrator that makes one model call and returns its result.</summary>
    public static DurableTaskRegistry AddSingleCall(this DurableTaskRegistry registry, string name) =>
        registry.AddOrchestratorFunc<ModelCallRequest, ModelCallResult>(name, (context, request) => context.CallModelAsync(request));
}
