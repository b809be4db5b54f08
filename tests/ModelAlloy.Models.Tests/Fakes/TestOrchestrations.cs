using ModelAlloy.Durable;
using ModelAlloy.Models.Durable;

namespace ModelAlloy.Models.Tests.Fakes;

/// <summary>Orchestrators shared by the durable model-call tests.</summary>
public static class TestOrchestrations
{
    public const string TwoCalls = "two-calls";

    /// <summary>Registers <see cref="TwoCalls"/>: two model calls in one run (sequences 1 and 2), answers joined with '+'.</summary>
    public static DurableTaskRegistry AddTwoCalls(this DurableTaskRegistry registry) =>
        registry.AddOrchestrator<ModelCallRequest, string>(TwoCalls, async (context, request) =>
        {
            ModelCallResult first = await context.CallModelAsync(request);
            ModelCallResult second = await context.CallModelAsync(request with { Stage = "second" });
            return first.Text + "+" + second.Text;
        });
}
