using ModelAlloy.Durable;

namespace ModelAlloy.Bench;

/// <summary>
/// The engine workloads, fixed in shape so the same ones can be run against the Durable Task Framework:
/// fan-out/fan-in of N activities returning input+1 (summed), chains of N sequential activities, and
/// M concurrent orchestrations each chaining 5 activities.
/// </summary>
internal static class Workloads
{
    public const string AddOne = "AddOne";
    public const string FanOut = "FanOutFanIn";
    public const string Chain = "Chain";

    public static void Register(DurableTaskRegistry registry) => registry
        .AddActivity<int, int>(AddOne, x => x + 1)
        .AddOrchestrator<int, long>(FanOut, async (ctx, n) =>
        {
            var tasks = new Task<int>[n];
            for (var i = 0; i < n; i++)
            {
                tasks[i] = ctx.CallActivityAsync<int>(AddOne, i);
            }

            long sum = 0;
            foreach (var value in await Task.WhenAll(tasks))
            {
                sum += value;
            }

            return sum;
        })
        .AddOrchestrator<int, int>(Chain, async (ctx, n) =>
        {
            var x = 0;
            for (var i = 0; i < n; i++)
            {
                x = await ctx.CallActivityAsync<int>(AddOne, x);
            }

            return x;
        });

    /// <summary>The workloads in the order they are reported.</summary>
    public static IReadOnlyList<Workload> All { get; } =
    [
        new("fan-out/fan-in 100", 1, FanOut, 100, Expected: Enumerable.Range(1, 100).Sum()),
        new("fan-out/fan-in 1000", 1, FanOut, 1000, Expected: Enumerable.Range(1, 1000).Sum()),
        new("chain 20", 1, Chain, 20, Expected: 20),
        new("chain 100", 1, Chain, 100, Expected: 100),
        new("chain 1000", 1, Chain, 1000, Expected: 1000),
        new("50 concurrent x chain 5", 50, Chain, 5, Expected: 5),
        new("500 concurrent x chain 5", 500, Chain, 5, Expected: 5),
    ];
}

/// <summary>One workload: <paramref name="Instances"/> orchestrations of <paramref name="Orchestrator"/> with input <paramref name="Size"/>.</summary>
internal sealed record Workload(string Name, int Instances, string Orchestrator, int Size, long Expected)
{
    public int Activities => Instances * Size;
}
