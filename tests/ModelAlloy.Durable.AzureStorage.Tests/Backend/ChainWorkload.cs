namespace ModelAlloy.Durable.AzureStorage.Tests.Backend;

/// <summary>"Chain": n calls of "AddOne", each on the previous result (returns n); "FanOut": n at once, summed.</summary>
internal static class ChainWorkload
{
    public static DurableTaskRegistry Register(DurableTaskRegistry registry) => registry
        .AddActivity<int, int>("AddOne", x => x + 1)
        .AddOrchestrator<int, int>("Chain", async (ctx, n) =>
        {
            var x = 0;
            for (var i = 0; i < n; i++)
            {
                x = await ctx.CallActivityAsync<int>("AddOne", x);
            }

            return x;
        })
        .AddOrchestrator<int, int>("FanOut", async (ctx, n) =>
            (await Task.WhenAll(Enumerable.Range(0, n).Select(i => ctx.CallActivityAsync<int>("AddOne", i)))).Sum());
}
