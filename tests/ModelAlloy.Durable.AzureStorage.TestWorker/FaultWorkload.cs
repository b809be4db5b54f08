using ModelAlloy.Durable;

namespace ModelAlloy.Durable.AzureStorage.TestWorker;

/// <summary>
/// The orchestration the fault tests run: a fan-out of <c>Width</c> activities, then a chain of <c>Length</c>,
/// every activity printing "RAN instance:task" so the test can see who ran what. The result is deterministic.
/// </summary>
public static class FaultWorkload
{
    public const string Orchestrator = "FaultWork";

    public static void Register(DurableTaskRegistry registry) => registry
        .AddActivity<int, int>("SlowAddOne", async (context, x) =>
        {
            await Task.Delay(Random.Shared.Next(5, 40));
            Console.WriteLine($"RAN {context.InstanceId}:{context.TaskId}");
            return x + 1;
        })
        .AddOrchestrator<int[], int>(Orchestrator, async (ctx, shape) =>
        {
            var (width, length) = (shape[0], shape[1]);
            var fanned = await Task.WhenAll(Enumerable.Range(0, width).Select(i => ctx.CallActivityAsync<int>("SlowAddOne", i)));
            var x = fanned.Sum();
            for (var i = 0; i < length; i++)
            {
                x = await ctx.CallActivityAsync<int>("SlowAddOne", x);
            }

            return x;
        });

    /// <summary>The result of <see cref="Orchestrator"/> for a shape.</summary>
    public static int Expected(int width, int length) => Enumerable.Range(1, width).Sum() + length;
}
